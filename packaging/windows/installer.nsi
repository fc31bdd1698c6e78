[# The installer of 村妇联工作台, a pynsist template (Jinja with [[ ]] / [% %]) rendered by build.sh.
   Per-user: no administrator rights, installs into %LOCALAPPDATA%\Programs\村妇联工作台, Chinese pages.
   The user's data (%LOCALAPPDATA%\fedclient, with its backups) belongs to her: never touched here.
   makensis -DFAST_COMPRESSION builds a quick test installer (windows-check's "previous version"). #]
[% set v = (ib.version.split('.') + ['0', '0', '0'])[:4] %]
Target amd64-unicode
Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!define PRODUCT_NAME "[[ ib.appname ]]"
!define PRODUCT_VERSION "[[ ib.version ]]"
!define PUBLISHER "[[ ib.publisher ]]"
!define PRODUCT_ICON "[[ icon ]]"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\fedclient"
!define DATA_FOLDER "$LOCALAPPDATA\fedclient"
[% for scname, sc in ib.shortcuts.items() %]
!define SHORTCUT_TARGET "[[ sc['target'] ]]"
!define SHORTCUT_PARAMETERS '[[ sc['parameters'] ]]'
[% endfor %]

!ifdef FAST_COMPRESSION
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif

Name "${PRODUCT_NAME} ${PRODUCT_VERSION}"
OutFile "[[ ib.installer_name ]]"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT_NAME} ${PRODUCT_VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "${PRODUCT_ICON}"
!define MUI_UNICON "${PRODUCT_ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEFINISHPAGE_BITMAP "resources\installer-welcome.bmp"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "resources\installer-welcome.bmp"

!define MUI_WELCOMEPAGE_TITLE "安装 ${PRODUCT_NAME} ${PRODUCT_VERSION}"
!define MUI_WELCOMEPAGE_TEXT "村妇联工作台是村（社区）妇联主席的离线工作台：执委和志愿者名册、一句话承诺、调解台账、网格服务，月报和公示栏自动生成。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限。如果已经装过旧版本，直接安装新版本即可，原来的数据都会保留。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "村妇联工作台已经安装好了。以后从桌面或“开始”菜单中的“${PRODUCT_NAME}”图标打开。"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartProgram
!define MUI_FINISHPAGE_RUN_TEXT "现在打开村妇联工作台"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上卸载村妇联工作台程序。您的数据文件和备份（${DATA_FOLDER}）不会被删除。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "村妇联工作台已卸载"
!define MUI_FINISHPAGE_TEXT "程序已经卸载。$\r$\n$\r$\n您的数据没有删除：数据文件和自动备份仍保存在$\r$\n${DATA_FOLDER}$\r$\n重新安装村妇联工作台后会继续使用这些数据。"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "[[ v | join('.') ]]"
VIFileVersion "[[ v | join('.') ]]"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${PRODUCT_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"

Section "!${PRODUCT_NAME}" sec_app
  SectionIn RO
  SetShellVarContext current
  ; An older version's program files go first, so no module moved or removed since then lingers.
  ; Only the program's own folders: the data lives elsewhere (${DATA_FOLDER}).
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\bin"

  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"
[% for destination, group in grouped_files %]
  SetOutPath "[[ destination ]]"
[% for file in group %]
  File "[[ file ]]"
[% endfor %]
[% endfor %]
[% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[ dir ]]\*.*"
[% endfor %]

  ; Shortcuts start Python's own signed pythonw.exe; the working folder is the user's profile.
  SetOutPath "$PROFILE"
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}.lnk" "${SHORTCUT_TARGET}" '${SHORTCUT_PARAMETERS}' "$INSTDIR\${PRODUCT_ICON}"
  CreateShortCut "$DESKTOP\${PRODUCT_NAME}.lnk" "${SHORTCUT_TARGET}" '${SHORTCUT_PARAMETERS}' "$INSTDIR\${PRODUCT_ICON}"
  SetOutPath "$INSTDIR"

[% if has_commands %]
  DetailPrint "把命令行 fedclient 加入当前用户的 PATH…"
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
[% endif %]
  DetailPrint "预编译 Python 模块…"
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\pkgs"'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function StartProgram
  Exec '"${SHORTCUT_TARGET}" ${SHORTCUT_PARAMETERS}'
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
[% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
[% endif %]
  Delete "$SMPROGRAMS\${PRODUCT_NAME}.lnk"
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\bin"
[% for destination, group in grouped_files %]
[% for file in group %]
  Delete "[[ pjoin(destination, file) ]]"
[% endfor %]
[% endfor %]
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "数据文件和备份保留在 ${DATA_FOLDER}"
SectionEnd
