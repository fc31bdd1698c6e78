/* fedclient-gui.exe, the double-click program of the portable folder. It starts the program with Python's own
   signed pythonw.exe from the Python folder beside it (python -m fedclient, passing its arguments on) and
   exits. Built by build.sh with x86_64-w64-mingw32-gcc; launcher.rc gives it the icon and the version. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

#define LONG_PATH 32768

static wchar_t folder[LONG_PATH];
static wchar_t command[2 * LONG_PATH];

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR arguments, int show)
{
    (void)instance; (void)previous; (void)show;
    DWORD length = GetModuleFileNameW(NULL, folder, LONG_PATH);
    if (length == 0 || length >= LONG_PATH)
        return 1;
    wchar_t *slash = wcsrchr(folder, L'\\');
    if (slash)
        *slash = L'\0';
    _snwprintf(command, 2 * LONG_PATH - 1, L"\"%ls\\Python\\pythonw.exe\" -m fedclient %ls", folder, arguments);

    STARTUPINFOW startup = {.cb = sizeof startup};
    PROCESS_INFORMATION process;
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
        MessageBoxW(NULL, L"无法启动村妇联工作台：程序文件夹不完整。请把压缩包重新完整解压后再打开。",
                    L"村妇联工作台", MB_ICONERROR | MB_OK);
        return 1;
    }
    CloseHandle(process.hThread);
    CloseHandle(process.hProcess);
    return 0;
}
