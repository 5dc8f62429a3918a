; Inno Setup script for the Windows installer of LiveDesk 场控台.
; Build the app first (make dist, on Windows: .venv\Scripts\pyinstaller build.spec), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\livedesk.iss
; Output: dist\LiveDesk-Setup-<version>.exe (per-user install, no administrator rights needed).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1B7E1A-2F0B-4C1E-9F3A-5D2E8A7B4C10}
AppName=LiveDesk 场控台
AppVersion={#AppVersion}
AppPublisher=LiveDesk
DefaultDirName={localappdata}\Programs\LiveDesk
DefaultGroupName=LiveDesk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=LiveDesk-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\livedesk.ico
UninstallDisplayIcon={app}\livedesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\LiveDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\LiveDesk 场控台"; Filename: "{app}\livedesk.exe"
Name: "{autodesktop}\LiveDesk 场控台"; Filename: "{app}\livedesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\livedesk.exe"; Description: "{cm:LaunchProgram,LiveDesk}"; Flags: nowait postinstall skipifsilent
