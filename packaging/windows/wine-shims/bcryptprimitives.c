/* TEST HARNESS ONLY, never shipped: windows-check copies it into the throw-away Wine prefix.
   Wine 8.0 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng every Rust program built with
   Rust 1.78 or later imports (python-calamine's extension). Real Windows 10 and 11 have it. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buffer, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!RtlGenRandom(buffer, chunk))
            return FALSE;
        buffer += chunk;
        size -= chunk;
    }
    return TRUE;
}
