; Inno Setup 6 script: the Windows setup program of Desa Sadar.
;
; Build (PowerShell, from the repository root, after `pyinstaller --noconfirm
; build_installer.spec` has made dist\DesaSadar\):
;
;   & "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\desasadar.iss
;
; -> dist\installer\DesaSadar-Setup-0.1.0.exe. Without /DAppVersion the version is read
; from the ProductVersion of dist\DesaSadar\DesaSadar.exe (the spec writes it from
; desasadar_gui.__version__). README.md, "Build the Windows installer", has every step.
;
; What it does:
; * installs for the current user only, without administrator rights
;   (PrivilegesRequired=lowest; {autopf} is then %LOCALAPPDATA%\Programs);
; * Start-menu shortcut, desktop shortcut (a task, ticked by default), an entry in
;   Settings > Apps with the app's icon;
; * upgrades in place: the same AppId finds the previous folder; the old _internal
;   folder is removed first so no library of the previous build lingers;
; * never touches the officer's data: the database, backups, logs and settings live in
;   %LOCALAPPDATA%\BPJS Ketenagakerjaan\DesaSadar (platformdirs, see
;   desasadar_gui/paths.py), outside {app}. Uninstall removes only what Setup installed,
;   and there is deliberately no [UninstallDelete] entry;
; * speaks Indonesian (default) or English. Inno Setup ships no official Indonesian
;   translation; the wizard texts an officer sees are translated in the [Messages]
;   section below, anything else falls back to English. If the community translation
;   Indonesian.isl (https://jrsoftware.org/files/istrans/, "Indonesian") is placed
;   next to this script, it is used for the remaining messages too.

#define AppName "Desa Sadar"
#define AppPublisher "BPJS Ketenagakerjaan"
#define AppExeName "DesaSadar.exe"
#define RepoRoot AddBackslash(SourcePath) + ".."
#define BundleDir RepoRoot + "\dist\DesaSadar"

#if FileExists(BundleDir + "\" + AppExeName)
  #define AppFileVersion GetVersionNumbersString(BundleDir + "\" + AppExeName)
  #ifndef AppVersion
    #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExeName, "ProductVersion")
  #endif
#else
  #error "dist\DesaSadar\DesaSadar.exe not found: run pyinstaller --noconfirm build_installer.spec first"
#endif
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#if AppVersion == ""
  #undef AppVersion
  #define AppVersion "0.0.0"
#endif

#ifexist AddBackslash(SourcePath) + "Indonesian.isl"
  #define IndonesianIsl ",Indonesian.isl"
#else
  #define IndonesianIsl ""
#endif

[Setup]
; Never change the AppId: upgrades and uninstall find the installed copy by it.
AppId={{CCD9937B-6326-44EE-A4E3-766D48006B8C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={cm:NameAndVersion,{#AppName},{#AppVersion}}
AppPublisher={#AppPublisher}
AppCopyright={#AppPublisher}
VersionInfoVersion={#AppFileVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription=Instalasi Desa Sadar Jaminan Sosial Ketenagakerjaan
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
; Per user, no administrator rights, no elevation prompt.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Desa Sadar
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousTasks=yes
UsePreviousLanguage=yes
DisableWelcomePage=no
; PyInstaller builds a 64-bit app; PySide6 6.x needs Windows 10 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Close a running Desa Sadar before replacing its files (Restart Manager).
CloseApplications=yes
RestartApplications=no
SetupIconFile={#RepoRoot}\resources\desasadar.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir={#RepoRoot}\dist\installer
OutputBaseFilename=DesaSadar-Setup-{#AppVersion}
ShowLanguageDialog=auto

[Languages]
; The first entry is the default when Windows' language matches neither.
Name: "id"; MessagesFile: "compiler:Default.isl{#IndonesianIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
id.SetupAppTitle=Instalasi
id.SetupWindowTitle=Instalasi - %1
id.UninstallAppTitle=Hapus Instalasi
id.UninstallAppFullTitle=Hapus Instalasi %1
id.InformationTitle=Informasi
id.ConfirmTitle=Konfirmasi
id.ErrorTitle=Kesalahan
id.SetupAlreadyRunning=Program instalasi sudah berjalan.
id.WindowsVersionNotSupported=Program ini tidak mendukung versi Windows di komputer Anda.
id.SetupAppRunningError=%1 sedang berjalan.%n%nTutup semua jendela %1, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
id.UninstallAppRunningError=%1 sedang berjalan.%n%nTutup semua jendela %1, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
id.ExitSetupTitle=Keluar dari Instalasi
id.ExitSetupMessage=Instalasi belum selesai. Jika Anda keluar sekarang, program tidak akan terpasang.%n%nAnda dapat menjalankan instalasi lagi lain waktu untuk menyelesaikannya.%n%nKeluar dari instalasi?
id.ButtonBack=< &Kembali
id.ButtonNext=&Lanjut >
id.ButtonInstall=&Pasang
id.ButtonOK=OK
id.ButtonCancel=Batal
id.ButtonYes=&Ya
id.ButtonYesToAll=Ya untuk &semua
id.ButtonNo=&Tidak
id.ButtonNoToAll=T&idak untuk semua
id.ButtonFinish=&Selesai
id.ButtonBrowse=&Telusuri...
id.ButtonWizardBrowse=T&elusuri...
id.ButtonNewFolder=&Buat folder baru
id.SelectLanguageTitle=Pilih Bahasa Instalasi
id.SelectLanguageLabel=Pilih bahasa yang dipakai selama instalasi.
id.ClickNext=Klik Lanjut untuk melanjutkan, atau Batal untuk keluar dari instalasi.
id.BrowseDialogTitle=Cari Folder
id.BrowseDialogLabel=Pilih folder dalam daftar di bawah, lalu klik OK.
id.NewFolderName=Folder Baru
id.WelcomeLabel1=Selamat datang di instalasi [name]
id.WelcomeLabel2=Program ini akan memasang [name/ver] di komputer Anda.%n%nSebaiknya tutup semua aplikasi lain sebelum melanjutkan.
id.WizardSelectDir=Pilih Lokasi Tujuan
id.SelectDirDesc=Di mana [name] akan dipasang?
id.SelectDirLabel3=[name] akan dipasang di folder berikut.
id.SelectDirBrowseLabel=Klik Lanjut untuk melanjutkan. Untuk memilih folder lain, klik Telusuri.
id.DiskSpaceGBLabel=Dibutuhkan ruang kosong sedikitnya [gb] GB.
id.DiskSpaceMBLabel=Dibutuhkan ruang kosong sedikitnya [mb] MB.
id.DirExistsTitle=Folder Sudah Ada
id.DirExists=Folder:%n%n%1%n%nsudah ada. Tetap pasang di folder itu?
id.DirDoesntExistTitle=Folder Belum Ada
id.DirDoesntExist=Folder:%n%n%1%n%nbelum ada. Buat folder itu?
id.WizardSelectTasks=Pilih Tugas Tambahan
id.SelectTasksDesc=Tugas tambahan apa yang akan dijalankan?
id.SelectTasksLabel2=Pilih tugas tambahan yang dijalankan saat memasang [name], lalu klik Lanjut.
id.WizardReady=Siap Memasang
id.ReadyLabel1=Instalasi siap memasang [name] di komputer Anda.
id.ReadyLabel2a=Klik Pasang untuk memulai, atau Kembali untuk meninjau atau mengubah pilihan.
id.ReadyLabel2b=Klik Pasang untuk memulai.
id.ReadyMemoDir=Lokasi tujuan:
id.ReadyMemoGroup=Folder menu Start:
id.ReadyMemoTasks=Tugas tambahan:
id.WizardPreparing=Bersiap Memasang
id.PreparingDesc=Instalasi sedang bersiap memasang [name] di komputer Anda.
id.ApplicationsFound=Aplikasi berikut memakai berkas yang perlu diperbarui. Sebaiknya izinkan instalasi menutupnya secara otomatis.
id.ApplicationsFound2=Aplikasi berikut memakai berkas yang perlu diperbarui. Sebaiknya izinkan instalasi menutupnya secara otomatis. Setelah instalasi selesai, instalasi akan mencoba membukanya kembali.
id.CloseApplications=&Tutup aplikasi secara otomatis
id.DontCloseApplications=&Jangan tutup aplikasi
id.ErrorCloseApplications=Instalasi tidak dapat menutup semua aplikasi secara otomatis. Sebaiknya tutup semua aplikasi yang memakai berkas yang perlu diperbarui sebelum melanjutkan.
id.WizardInstalling=Memasang
id.InstallingLabel=Mohon tunggu, [name] sedang dipasang di komputer Anda.
id.FinishedHeadingLabel=Instalasi [name] selesai
id.FinishedLabelNoIcons=[name] telah terpasang di komputer Anda.
id.FinishedLabel=[name] telah terpasang di komputer Anda. Aplikasi dapat dibuka melalui pintasan yang telah dibuat.
id.ClickFinish=Klik Selesai untuk menutup instalasi.
id.RunEntryExec=Jalankan %1
id.RunEntryShellExec=Buka %1
id.SetupAborted=Instalasi tidak selesai.%n%nPerbaiki masalahnya, lalu jalankan instalasi lagi.
id.StatusClosingApplications=Menutup aplikasi...
id.StatusCreateDirs=Membuat folder...
id.StatusExtractFiles=Menyalin berkas...
id.StatusCreateIcons=Membuat pintasan...
id.StatusSavingUninstall=Menyimpan informasi untuk hapus instalasi...
id.StatusRunProgram=Menyelesaikan instalasi...
id.StatusRollback=Membatalkan perubahan...
id.ConfirmUninstall=Yakin ingin menghapus %1 beserta semua komponennya? Data Anda (basis data, cadangan, pengaturan) tidak ikut dihapus.
id.UninstallStatusLabel=Mohon tunggu, %1 sedang dihapus dari komputer Anda.
id.UninstalledAll=%1 telah dihapus dari komputer Anda.
id.WizardUninstalling=Status Hapus Instalasi
id.StatusUninstalling=Menghapus %1...
id.UninstalledMost=Penghapusan %1 selesai.%n%nBeberapa bagian tidak dapat dihapus dan dapat dihapus secara manual.

[CustomMessages]
id.NameAndVersion=%1 versi %2
id.AdditionalIcons=Pintasan tambahan:
id.CreateDesktopIcon=Buat pintasan di &desktop
id.LaunchProgram=Jalankan %1
id.UninstallProgram=Hapus instalasi %1
id.AppComment=Aplikasi petugas lapangan Desa Sadar Jaminan Sosial Ketenagakerjaan
id.DataKept=Data Anda tetap tersimpan di:%n%1%n%nFolder itu tidak dihapus, sehingga basis data, cadangan dan pengaturan tersedia lagi bila Desa Sadar dipasang kembali.
en.AppComment=Field officers' app of the Desa Sadar Jaminan Sosial Ketenagakerjaan programme
en.DataKept=Your data is kept in:%n%1%n%nThat folder is not removed, so the database, backups and settings are there again if Desa Sadar is reinstalled.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: remove the previous build's libraries first.
; Only {app}\_internal (Setup's own files); the user's data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ platformdirs.user_data_dir("DesaSadar", "BPJS Ketenagakerjaan", roaming=False) }
function UserDataFolder: String;
begin
  Result := ExpandConstant('{localappdata}\BPJS Ketenagakerjaan\DesaSadar');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) and DirExists(UserDataFolder) then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [UserDataFolder]), mbInformation, MB_OK);
end;
