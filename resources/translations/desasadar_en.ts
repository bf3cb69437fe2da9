<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AttendeeTableModel</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tahap sekarang</source>
        <translation>Stage now</translation>
    </message>
    <message>
        <source>Hasil di sesi</source>
        <translation>Outcome at session</translation>
    </message>
    <message>
        <source>Tamu (belum dicatat)</source>
        <translation>Walk-in (not recorded yet)</translation>
    </message>
    <message>
        <source>(data dihapus)</source>
        <translation>(record deleted)</translation>
    </message>
    <message>
        <source>Mendaftar %1</source>
        <translation>Registered %1</translation>
    </message>
    <message>
        <source>Prospek baru dari sesi ini</source>
        <translation>New prospect from this session</translation>
    </message>
    <message>
        <source>NIK %1</source>
        <translation>NIK %1</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Cadangan basis data</source>
        <translation>Database backups</translation>
    </message>
</context>
<context>
    <name>BackupsView</name>
    <message>
        <source>Periksa basis data</source>
        <translation>Check database</translation>
    </message>
    <message>
        <source>Pemeriksaan menyeluruh (semua halaman dan indeks); bisa beberapa detik untuk basis data besar.</source>
        <translation>A full check (every page and index); may take a few seconds for a large database.</translation>
    </message>
    <message>
        <source>Memeriksa basis data…</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <source>Basis data tidak bisa dibaca untuk diperiksa.</source>
        <translation>The database cannot be read to check it.</translation>
    </message>
    <message>
        <source>Bangun ulang indeks sekarang?</source>
        <translation>Rebuild the indexes now?</translation>
    </message>
    <message>
        <source>Salinan basis data dibuat otomatis sebelum setiap impor, sebelum pembaruan aplikasi dan sekali sehari saat aplikasi ditutup. Salinan manual tidak pernah dihapus otomatis.</source>
        <translation>Copies of the database are made automatically before every import, before an application update and once a day when the app closes. Manual copies are never deleted automatically.</translation>
    </message>
    <message>
        <source>Cadangkan sekarang</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Pulihkan…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Pulihkan dari berkas…</source>
        <translation>Restore from a file…</translation>
    </message>
    <message>
        <source>Buka folder cadangan</source>
        <translation>Open the backup folder</translation>
    </message>
    <message>
        <source>%1 salinan di %2</source>
        <translation>%1 copies in %2</translation>
    </message>
    <message>
        <source>Cadangan dibuat:
%1</source>
        <translation>Backup made:
%1</translation>
    </message>
    <message>
        <source>Cadangan</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)</source>
        <translation>Desa Sadar database (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>Pulihkan basis data dari %1?

Semua perubahan sesudah salinan itu dibuat akan diganti. Berkas yang sekarang disimpan dulu sebagai salinan &quot;sebelum pemulihan&quot;, jadi tidak ada yang hilang.</source>
        <translation>Restore the database from %1?

Every change made after that copy will be replaced. The current file is first kept as a &quot;before restore&quot; copy, so nothing is lost.</translation>
    </message>
    <message>
        <source>Pulihkan cadangan</source>
        <translation>Restore backup</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Ganti kata sandi</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>Kata sandi lama langsung tidak berlaku lagi. Cadangan tetap bisa dibuka, dan kunci pemulihan yang dipegang supervisor tetap berlaku.</source>
        <translation>The old passphrase stops working at once. Backups can still be opened, and the recovery key your supervisor keeps stays valid.</translation>
    </message>
    <message>
        <source>Kata sandi &amp;lama (atau kunci pemulihan)</source>
        <translation>&amp;Old passphrase (or recovery key)</translation>
    </message>
    <message>
        <source>Kata sandi &amp;baru</source>
        <translation>&amp;New passphrase</translation>
    </message>
    <message>
        <source>&amp;Ulangi kata sandi baru</source>
        <translation>&amp;Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Ganti</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kata sandi sudah diganti.</source>
        <translation>The passphrase was changed.</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>Centang peserta yang hadir</source>
        <translation>Tick the participants present</translation>
    </message>
    <message>
        <source>Orang yang sudah tercatat di %1. Yang tidak ada di daftar: tambahkan sebagai tamu.</source>
        <translation>People already recorded in %1. Anyone not on the list: add them as a walk-in.</translation>
    </message>
    <message>
        <source>Cari nama, NIK atau telepon</source>
        <translation>Search name, NIK or phone</translation>
    </message>
    <message>
        <source>Centang yang tampil</source>
        <translation>Tick those shown</translation>
    </message>
    <message>
        <source>Kosongkan yang tampil</source>
        <translation>Untick those shown</translation>
    </message>
    <message>
        <source>%1 dari %2 dicentang</source>
        <translation>%1 of %2 ticked</translation>
    </message>
    <message>
        <source>%1 orang akan dihapus dari daftar hadir sesi ini. Lanjutkan?</source>
        <translation>%1 people will be removed from this session&apos;s attendance list. Continue?</translation>
    </message>
    <message>
        <source>Enter: centang yang cocok · ↓: ke daftar · Spasi: centang atau kosongkan · Ctrl+Enter: simpan</source>
        <translation>Enter: tick the match · ↓: into the list · Space: tick or untick · Ctrl+Enter: save</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <source>Terkunci</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>DamagedDbDialog</name>
    <message>
        <source>Pembaruan basis data gagal</source>
        <translation>Database upgrade failed</translation>
    </message>
    <message>
        <source>Basis data tidak ditemukan</source>
        <translation>Database not found</translation>
    </message>
    <message>
        <source>Basis data rusak</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <source>Cadangan baik terakhir: %1, %2
%3</source>
        <translation>Latest good backup: %1, %2
%3</translation>
    </message>
    <message>
        <source>Tidak ada cadangan yang baik untuk berkas ini.</source>
        <translation>There is no good backup of this file.</translation>
    </message>
    <message>
        <source>Pulihkan cadangan ini</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <source>Pilih cadangan lain…</source>
        <translation>Choose another backup…</translation>
    </message>
    <message>
        <source>Mulai basis data kosong</source>
        <translation>Start an empty database</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)</source>
        <translation>Desa Sadar database (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>Mulai dengan basis data kosong di %1?

Cadangan yang ada tetap disimpan dan bisa dipulihkan nanti lewat menu Cadangan.</source>
        <translation>Start with an empty database at %1?

The existing backups are kept and can be restored later from the Backups menu.</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>&amp;Tahun</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>Atur &amp;target…</source>
        <translation>Set &amp;targets…</translation>
    </message>
    <message>
        <source>Target tahunan kantor cabang, kabupaten, desa dan petugas</source>
        <translation>Yearly targets for the branch, regencies, villages and officers</translation>
    </message>
    <message>
        <source>&amp;Ekspor…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>Simpan ringkasan ini sebagai satu halaman Excel (.xlsx) atau PDF</source>
        <translation>Save this summary as a one-page Excel workbook (.xlsx) or PDF</translation>
    </message>
    <message>
        <source>Aktif membayar</source>
        <translation>Active, paying</translation>
    </message>
    <message>
        <source>Prospek</source>
        <translation>Prospects</translation>
    </message>
    <message>
        <source>Desa Sadar diluncurkan</source>
        <translation>Desa Sadar launched</translation>
    </message>
    <message>
        <source>Capaian per wilayah dan petugas</source>
        <translation>Progress by area and officer</translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation>Regencies</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Villages</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Tahapan desa</source>
        <translation>Village stages</translation>
    </message>
    <message>
        <source>Pekerjaan peserta</source>
        <translation>Participants&apos; occupations</translation>
    </message>
    <message>
        <source>Program dipilih</source>
        <translation>Programmes chosen</translation>
    </message>
    <message>
        <source>Belum ada pendaftaran tahun ini.</source>
        <translation>No registrations this year yet.</translation>
    </message>
    <message>
        <source>Belum ada data.</source>
        <translation>No data yet.</translation>
    </message>
    <message>
        <source>Ringkasan gagal dimuat.</source>
        <translation>The summary could not be loaded.</translation>
    </message>
    <message>
        <source>Ringkasan gagal dimuat: %1</source>
        <translation type="vanished">The summary could not be loaded: %1</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Peserta terdaftar</source>
        <translation>Registered participants</translation>
    </message>
    <message>
        <source>Keadaan per %1 · peserta dihitung menurut tanggal daftar</source>
        <translation>As of %1 · participants counted by registration date</translation>
    </message>
    <message>
        <source>Peserta terdaftar %1</source>
        <translation>Registered participants %1</translation>
    </message>
    <message>
        <source>%1 dari %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>%1 dari yang mendaftar tahun ini; %2 tidak aktif</source>
        <translation>%1 of those registered this year; %2 inactive</translation>
    </message>
    <message>
        <source>belum mendaftar — lihat daftar tindak lanjut di tab Sosialisasi</source>
        <translation>not registered yet — see the follow-up list in the Socialisation tab</translation>
    </message>
    <message>
        <source>%1 desa sudah sosialisasi, %2 masih calon</source>
        <translation>%1 villages socialised, %2 still prospects</translation>
    </message>
    <message>
        <source>Pendaftaran per bulan %1</source>
        <translation>Registrations per month %1</translation>
    </message>
    <message>
        <source>target rata-rata %1/bulan</source>
        <translation>average target %1/month</translation>
    </message>
    <message>
        <source>Perangkat desa lengkap di %1 dari %2 desa; %3 perangkat terdaftar.</source>
        <translation>Village officials complete in %1 of %2 villages; %3 officials registered.</translation>
    </message>
    <message>
        <source>Jabatan wajib yang sudah terisi: %1 dari %2</source>
        <translation>Required positions filled: %1 of %2</translation>
    </message>
    <message>
        <source>%1 sesi sosialisasi, edukasi dan dialog pada %2.</source>
        <translation>%1 socialisation, education and dialogue sessions in %2.</translation>
    </message>
    <message>
        <source>(belum diisi)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>Lainnya (%1 jenis)</source>
        <translation>Other (%1 kinds)</translation>
    </message>
    <message>
        <source>Pekerjaan peserta terdaftar %1</source>
        <translation>Occupations of participants registered in %1</translation>
    </message>
    <message>
        <source>Iuran peserta aktif: %1 per bulan</source>
        <translation>Contributions of active participants: %1 per month</translation>
    </message>
    <message>
        <source>Belum ada target kantor cabang untuk %1. Klik &quot;Atur target…&quot;.</source>
        <translation>No branch target for %1 yet. Click &quot;Set targets…&quot;.</translation>
    </message>
    <message>
        <source>Target tercapai. Rata-rata %1 pendaftar per bulan.</source>
        <translation>Target reached. On average %1 registrations per month.</translation>
    </message>
    <message>
        <source>Tahun sudah berakhir; kurang %1 dari target.</source>
        <translation>The year has ended; %1 short of the target.</translation>
    </message>
    <message>
        <source>Perlu %1 pendaftar per bulan hingga Desember (kurang %2); rata-rata sejauh ini %3 per bulan.</source>
        <translation>%1 registrations per month needed until December (%2 to go); the average so far is %3 per month.</translation>
    </message>
    <message>
        <source>(tanpa desa)</source>
        <translation>(no village)</translation>
    </message>
    <message>
        <source>(tanpa petugas)</source>
        <translation>(no officer)</translation>
    </message>
    <message>
        <source>Ringkasan Desa Sadar %1</source>
        <translation>Desa Sadar summary %1</translation>
    </message>
    <message>
        <source>Ekspor ringkasan</source>
        <translation>Export summary</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Ringkasan disimpan di %1</source>
        <translation>Summary saved to %1</translation>
    </message>
    <message>
        <source>Berkas tidak bisa disimpan: %1</source>
        <translation type="vanished">The file could not be saved: %1</translation>
    </message>
    <message>
        <source>Ringkasan capaian Desa Sadar Jaminan Sosial Ketenagakerjaan %1</source>
        <translation>Desa Sadar social security progress summary %1</translation>
    </message>
</context>
<context>
    <name>DatabaseSwitcher</name>
    <message>
        <source>Basis data %1 sudah terbuka di jendela ini.</source>
        <translation>The database %1 is already open in this window.</translation>
    </message>
    <message>
        <source>Desa Sadar — %1 (LATIHAN)</source>
        <translation>Desa Sadar — %1 (PRACTICE)</translation>
    </message>
    <message>
        <source>Desa Sadar — %1</source>
        <translation>Desa Sadar — %1</translation>
    </message>
    <message>
        <source>&amp;Buka basis data…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>Tutup basis data ini dan buka berkas basis data lain (%1)</source>
        <translation>Close this database and open another database file (%1)</translation>
    </message>
    <message>
        <source>Buka te&amp;rakhir</source>
        <translation>Open re&amp;cent</translation>
    </message>
    <message>
        <source>Berkas tidak ditemukan: %1</source>
        <translation>File not found: %1</translation>
    </message>
    <message>
        <source>Buka basis data</source>
        <translation>Open a database</translation>
    </message>
    <message>
        <source>Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)</source>
        <translation>Desa Sadar database (*.sqlite *.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>DeletedRecords</name>
    <message>
        <source>Peserta</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Sesi</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Dipulihkan: %1 %2</source>
        <translation>Restored: %1 %2</translation>
    </message>
    <message>
        <source> (dengan %1 kehadiran)</source>
        <translation> (with its attendance: %1)</translation>
    </message>
    <message>
        <source>; %1 kehadiran tetap terhapus karena pesertanya terhapus</source>
        <translation>; attendance left deleted because the participant is deleted: %1</translation>
    </message>
</context>
<context>
    <name>DeletedRecordsDialog</name>
    <message>
        <source>Data terhapus</source>
        <translation>Deleted records</translation>
    </message>
    <message>
        <source>Data yang dihapus tetap tersimpan sebagai catatan terhapus. Memulihkannya adalah perubahan biasa: tercatat di riwayat dan ikut tersinkron pada ekspor berikutnya. Data pribadi peserta yang sudah dihapus atau dibersihkan tidak bisa dipulihkan.</source>
        <translation>Deleted data stays in the file as deleted records. Restoring one is an ordinary change: it is kept in the history and syncs with the next export. A participant whose personal data was erased or purged cannot be restored.</translation>
    </message>
    <message>
        <source>&amp;Jenis:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Villages</translation>
    </message>
    <message>
        <source>Sesi</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>&amp;Pulihkan</source>
        <translation>&amp;Restore</translation>
    </message>
    <message numerus="yes">
        <source>%n data terhapus</source>
        <translation>
            <numerusform>%n deleted record</numerusform>
            <numerusform>%n deleted records</numerusform>
        </translation>
    </message>
    <message>
        <source>Pilih data yang akan dipulihkan</source>
        <translation>Choose the record to restore</translation>
    </message>
    <message>
        <source>Pulihkan %1 terpilih</source>
        <translation>Restore the selected %1</translation>
    </message>
    <message>
        <source>Pulihkan %1 %2?

Data ini kembali tampil di daftarnya. Pemulihan tercatat di riwayat dan ikut tersinkron pada ekspor berikutnya.</source>
        <translation>Restore %1 %2?

It shows in its list again. The restore is kept in the history and syncs with the next export.</translation>
    </message>
    <message>
        <source>Daftar hadir yang terhapus bersama sesi ini ikut kembali.</source>
        <translation>The attendance deleted with this session comes back too.</translation>
    </message>
    <message>
        <source>Pulihkan data</source>
        <translation>Restore record</translation>
    </message>
</context>
<context>
    <name>DeletedRecordsModel</name>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Desa / wilayah</source>
        <translation>Village / area</translation>
    </message>
    <message>
        <source>Dihapus</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Perangkat %1</source>
        <translation>Device %1</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Bisa dipulihkan</source>
        <translation>Can be restored</translation>
    </message>
    <message>
        <source>Tidak bisa: %1</source>
        <translation>Cannot: %1</translation>
    </message>
</context>
<context>
    <name>ExportProtectionDialog</name>
    <message>
        <source>Ekspor buku kerja</source>
        <translation>Export workbook</translation>
    </message>
    <message>
        <source>&amp;Lindungi buku kerja dengan kata sandi</source>
        <translation>&amp;Protect the workbook with a password</translation>
    </message>
    <message>
        <source>Buku kerja berisi NIK, nama dan nomor HP. Dengan kata sandi, Excel dan LibreOffice menanyakannya sebelum membuka berkas, dan impor juga. Sampaikan kata sandi ke penyelia lewat jalur lain (telepon), bukan bersama berkasnya.</source>
        <translation>The workbook holds NIKs, names and phone numbers. With a password, Excel and LibreOffice ask for it before opening the file, and so does the import. Tell the supervisor the password another way (by phone), not with the file.</translation>
    </message>
    <message>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <source>Minimal %1 karakter.</source>
        <translation>At least %1 characters.</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Menyiapkan basis data latihan…</source>
        <translation>Preparing the practice database…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Selamat datang di Desa Sadar</source>
        <translation>Welcome to Desa Sadar</translation>
    </message>
    <message>
        <source>Selamat datang</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Sebelum mulai, isi nama Anda sebagai petugas dan kantor cabang Anda. Nama ini dicatat pada setiap data yang Anda masukkan dan terlihat oleh supervisor di berkas ekspor.</source>
        <translation>Before you start, enter your name as the officer and your branch office. Your name is recorded with every entry you make and is shown to supervisors in the exported workbooks.</translation>
    </message>
    <message>
        <source>&amp;Nama petugas</source>
        <translation>Officer &amp;name</translation>
    </message>
    <message>
        <source>&amp;Kantor cabang</source>
        <translation>&amp;Branch office</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Data wilayah (boleh nanti)</source>
        <translation>Region data (can be added later)</translation>
    </message>
    <message>
        <source>Muat berkas wilayah…</source>
        <translation>Load region file…</translation>
    </message>
    <message>
        <source>Muat dari folder…</source>
        <translation>Load from a folder…</translation>
    </message>
    <message>
        <source>Buka database contoh untuk berlatih (terpisah dari data asli Anda)</source>
        <translation>Open a sample database for practice (kept apart from your real data)</translation>
    </message>
    <message>
        <source>%1 desa/kelurahan sudah dimuat.</source>
        <translation>%1 villages/wards loaded.</translation>
    </message>
    <message>
        <source>Belum dimuat. Dengan data wilayah, desa dipilih menurut kode Kemendagri; tanpa itu, nama desa diketik bebas.</source>
        <translation>Not loaded yet. With region data, villages are picked by their Kemendagri code; without it, village names are typed in freely.</translation>
    </message>
    <message>
        <source>Nama petugas wajib diisi.</source>
        <translation>The officer&apos;s name is required.</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Hasil terakhir</source>
        <translation>Last outcome</translation>
    </message>
    <message>
        <source>Sesi terakhir</source>
        <translation>Last session</translation>
    </message>
    <message>
        <source>Hadir</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Berapa sesi yang dihadiri</source>
        <translation>How many sessions attended</translation>
    </message>
    <message>
        <source>%1 (tamu)</source>
        <translation>%1 (walk-in)</translation>
    </message>
    <message>
        <source>(tanpa nomor)</source>
        <translation>(no number)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Riwayat perubahan – %1</source>
        <translation>Change history – %1</translation>
    </message>
    <message>
        <source>%1 perubahan tercatat, %2 di antaranya tiba lewat impor.</source>
        <translation>%1 changes recorded, %2 of them arrived through an import.</translation>
    </message>
    <message>
        <source>Belum ada perubahan tercatat.</source>
        <translation>No changes recorded yet.</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Petugas / perangkat</source>
        <translation>Officer / device</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Sebelum</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Sesudah</source>
        <translation>After</translation>
    </message>
    <message>
        <source>(tanpa nama)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>laptop ini</source>
        <translation>this laptop</translation>
    </message>
    <message>
        <source>perangkat %1</source>
        <translation>device %1</translation>
    </message>
    <message>
        <source>Diubah di laptop lain; tiba lewat impor pada %1</source>
        <translation>Changed on another laptop; arrived through an import on %1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Tidak berubah</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Lebih lama (diabaikan)</source>
        <translation>Older (ignored)</translation>
    </message>
    <message>
        <source>Konflik</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Kemungkinan ganda</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Nama / data</source>
        <translation>Name / record</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Pratinjau impor</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; dari petugas {officer} (laptop {device}), diekspor {at}.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; from officer {officer} (laptop {device}), exported {at}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; dari petugas {officer} (laptop {device}), diekspor {at} UTC.</source>
        <translation type="vanished">&lt;b&gt;{file}&lt;/b&gt; from officer {officer} (laptop {device}), exported {at} UTC.</translation>
    </message>
    <message>
        <source>Berkas ini sudah pernah diimpor; tidak ada yang akan diubah.</source>
        <translation>This file was imported before; nothing will change.</translation>
    </message>
    <message>
        <source>Baris yang ditolak tidak diimpor; baris lainnya diterapkan. Simpan baris yang ditolak untuk diperbaiki lalu diimpor lagi.</source>
        <translation>Rejected rows are not imported; the other rows are applied. Save the rejected rows to fix them and import them again.</translation>
    </message>
    <message>
        <source>Catatan (%1)</source>
        <translation>Notes (%1)</translation>
    </message>
    <message>
        <source>Simpan baris yang ditolak…</source>
        <translation>Save rejected rows…</translation>
    </message>
    <message>
        <source>Terapkan</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Simpan baris yang ditolak</source>
        <translation>Save rejected rows</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>{n} baris ditulis ke {path}.</source>
        <translation>{n} rows written to {path}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Desa Sadar Jaminan Sosial Ketenagakerjaan</source>
        <translation type="vanished">Desa Sadar Jaminan Sosial Ketenagakerjaan</translation>
    </message>
    <message>
        <source>&amp;Desa</source>
        <translation>&amp;Villages</translation>
    </message>
    <message>
        <source>&amp;Peserta</source>
        <translation>&amp;Participants</translation>
    </message>
    <message>
        <source>&amp;Sosialisasi</source>
        <translation>S&amp;ocialisation</translation>
    </message>
    <message>
        <source>&amp;Ringkasan</source>
        <translation>Su&amp;mmary</translation>
    </message>
    <message>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Ta&amp;mpilan</source>
        <translation>Vie&amp;w</translation>
    </message>
    <message>
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Tambah desa</source>
        <translation>Add village</translation>
    </message>
    <message>
        <source>Tambah desa, kelurahan atau pasar</source>
        <translation>Add a village, urban ward or market</translation>
    </message>
    <message>
        <source>Tambah peserta</source>
        <translation>Add participant</translation>
    </message>
    <message>
        <source>Daftarkan peserta baru</source>
        <translation>Register a new participant</translation>
    </message>
    <message>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Cari peserta menurut nama, NIK atau telepon</source>
        <translation>Find participants by name, NIK or phone</translation>
    </message>
    <message>
        <source>Segarkan</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Muat ulang semua data</source>
        <translation>Reload all data</translation>
    </message>
    <message>
        <source>&amp;Ekspor buku kerja…</source>
        <translation>&amp;Export workbook…</translation>
    </message>
    <message>
        <source>Ekspor semua data ke buku kerja Excel untuk sinkronisasi</source>
        <translation>Export all data to an Excel workbook for syncing</translation>
    </message>
    <message>
        <source>Ekspor untuk &amp;supervisor (tanpa NIK dan telepon)…</source>
        <translation>Export for su&amp;pervisors (no NIK or phone)…</translation>
    </message>
    <message>
        <source>Salinan untuk dibaca: tanpa NIK, telepon, tanggal lahir dan alamat; tidak bisa diimpor</source>
        <translation>A copy for reading: no NIK, phone, birth date or address; it cannot be imported</translation>
    </message>
    <message>
        <source>&amp;Impor buku kerja…</source>
        <translation>&amp;Import workbook…</translation>
    </message>
    <message>
        <source>Gabungkan buku kerja dari laptop petugas lain atau supervisor</source>
        <translation>Merge a workbook from another officer&apos;s laptop or a supervisor</translation>
    </message>
    <message>
        <source>Riwayat sin&amp;kronisasi dan konflik…</source>
        <translation>S&amp;ync history and conflicts…</translation>
    </message>
    <message>
        <source>Data &amp;terhapus…</source>
        <translation>Dele&amp;ted records…</translation>
    </message>
    <message>
        <source>Lihat dan pulihkan peserta, desa dan sesi yang dihapus</source>
        <translation>See and restore deleted participants, villages and sessions</translation>
    </message>
    <message>
        <source>&amp;Cadangan…</source>
        <translation>&amp;Backups…</translation>
    </message>
    <message>
        <source>Catatan pe&amp;mrosesan…</source>
        <translation>Processing &amp;record…</translation>
    </message>
    <message>
        <source>Catatan pemrosesan data pribadi untuk petugas pelindungan data</source>
        <translation>Record of personal-data processing for the data-protection officer</translation>
    </message>
    <message>
        <source>Impor data &amp;wilayah…</source>
        <translation>Import &amp;region data…</translation>
    </message>
    <message>
        <source>&amp;Pengaturan…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Tentang Desa Sadar</source>
        <translation>&amp;About Desa Sadar</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Tindakan utama</source>
        <translation>Main actions</translation>
    </message>
    <message>
        <source>(belum diisi)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>Petugas: %1</source>
        <translation>Officer: %1</translation>
    </message>
    <message>
        <source>Basis data: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>%1 desa · %2 peserta · %3 sesi</source>
        <translation>Villages: %1 · participants: %2 · sessions: %3</translation>
    </message>
    <message>
        <source>Desa Sadar Jaminan Sosial Ketenagakerjaan, versi %1.</source>
        <translation>Desa Sadar Jaminan Sosial Ketenagakerjaan, version %1.</translation>
    </message>
    <message>
        <source>Aplikasi petugas lapangan BPJS Ketenagakerjaan untuk mendata desa, perangkat desa, peserta Bukan Penerima Upah dan sosialisasi, tanpa perlu internet.</source>
        <translation>The BPJS Ketenagakerjaan field officers&apos; app for recording villages, village officials, non-wage-earner (BPU) participants and socialisation sessions, with no internet needed.</translation>
    </message>
    <message>
        <source>Tentang Desa Sadar</source>
        <translation>About Desa Sadar</translation>
    </message>
</context>
<context>
    <name>ParticipantForm</name>
    <message>
        <source>Tambah peserta</source>
        <translation>Add participant</translation>
    </message>
    <message>
        <source>Ubah data peserta — %1</source>
        <translation>Edit participant — %1</translation>
    </message>
    <message>
        <source>Sesi %1, %2: peserta yang disimpan dicatat hadir.</source>
        <translation>Session %1, %2: participants saved are recorded as present.</translation>
    </message>
    <message>
        <source>tanpa desa</source>
        <translation>no village</translation>
    </message>
    <message>
        <source>Data diri</source>
        <translation>Personal details</translation>
    </message>
    <message>
        <source>Kepesertaan</source>
        <translation>Membership</translation>
    </message>
    <message>
        <source>Iuran per bulan</source>
        <translation>Monthly contribution</translation>
    </message>
    <message>
        <source>&amp;NIK</source>
        <translation>&amp;NIK</translation>
    </message>
    <message>
        <source>Na&amp;ma *</source>
        <translation>Na&amp;me *</translation>
    </message>
    <message>
        <source>&amp;Jenis kelamin</source>
        <translation>&amp;Gender</translation>
    </message>
    <message>
        <source>Tanggal &amp;lahir</source>
        <translation>Date of &amp;birth</translation>
    </message>
    <message>
        <source>Telep&amp;on</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Pro&amp;gram</source>
        <translation>Progr&amp;ammes</translation>
    </message>
    <message>
        <source>Simpan &amp;&amp; &amp;tambah lagi</source>
        <translation>Save &amp;&amp; add anot&amp;her</translation>
    </message>
    <message>
        <source>&amp;Alamat</source>
        <translation>Addr&amp;ess</translation>
    </message>
    <message>
        <source>&amp;Desa</source>
        <translation>&amp;Village</translation>
    </message>
    <message>
        <source>&amp;Pekerjaan</source>
        <translation>&amp;Occupation</translation>
    </message>
    <message>
        <source>Ja&amp;batan perangkat desa</source>
        <translation>Village official pos&amp;ition</translation>
    </message>
    <message>
        <source>Penghasilan/bulan (&amp;Rp)</source>
        <translation>Income/month (&amp;Rp)</translation>
    </message>
    <message>
        <source>Sumb&amp;er dana</source>
        <translation>&amp;Funding source</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>Tanggal da&amp;ftar</source>
        <translation>Registration &amp;date</translation>
    </message>
    <message>
        <source>Nomor &amp;KPJ</source>
        <translation>&amp;KPJ number</translation>
    </message>
    <message>
        <source>Ketik 8 angka: hhbbtttt</source>
        <translation>Type 8 digits: ddmmyyyy</translation>
    </message>
    <message>
        <source>Buka data peserta itu</source>
        <translation>Open that participant</translation>
    </message>
    <message>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Simpan (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>Simpan, lalu kosongkan data orangnya untuk peserta berikutnya (Ctrl+Enter)</source>
        <translation>Save, then clear the person&apos;s details for the next participant (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bukan perangkat desa</source>
        <translation>Not a village official</translation>
    </message>
    <message>
        <source>Ketik nama desa…</source>
        <translation>Type a village name…</translation>
    </message>
    <message>
        <source>%1 dari 16 digit</source>
        <translation>%1 of 16 digits</translation>
    </message>
    <message>
        <source>Jenis kelamin dan tanggal lahir diisi dari NIK.</source>
        <translation>Gender and date of birth were filled in from the NIK.</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar atas nama %1.</source>
        <translation>This NIK is already registered to %1.</translation>
    </message>
    <message>
        <source>Pilih setidaknya satu program.</source>
        <translation>Choose at least one programme.</translation>
    </message>
    <message>
        <source>Tersimpan: %1. Lanjut peserta berikutnya.</source>
        <translation>Saved: %1. On to the next participant.</translation>
    </message>
</context>
<context>
    <name>ParticipantTableModel</name>
    <message>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>JK</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Kabupaten/Kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tgl daftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Iuran/bulan</source>
        <translation>Contribution/month</translation>
    </message>
    <message>
        <source>Jabatan desa</source>
        <translation>Village position</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Tanggal pendaftaran</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>Iuran per bulan (JKK + JKM + JHT, setelah diskon)</source>
        <translation>Monthly contribution (JKK + JKM + JHT, after discounts)</translation>
    </message>
    <message>
        <source>Jabatan perangkat desa, bila ada</source>
        <translation>Village official position, if any</translation>
    </message>
</context>
<context>
    <name>ParticipantsTab</name>
    <message>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Cari nama, NIK atau telepon…</source>
        <translation>Search name, NIK or phone…</translation>
    </message>
    <message>
        <source>Nama: bagian mana pun dari nama. NIK dan telepon: angka awalnya, mulai 4 digit (0812… juga menemukan +62812…). Ctrl+F</source>
        <translation>Name: any part of the name. NIK and phone: their first digits, from 4 digits on (0812… also finds +62812…). Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Tambah peserta…</source>
        <translation>&amp;Add participant…</translation>
    </message>
    <message>
        <source>&amp;Ubah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Hapus</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Riwayat…</source>
        <translation>H&amp;istory…</translation>
    </message>
    <message>
        <source>Siapa mengubah apa dan kapan, termasuk dari impor</source>
        <translation>Who changed what and when, including through imports</translation>
    </message>
    <message>
        <source>Data &amp;pribadi</source>
        <translation>&amp;Personal data</translation>
    </message>
    <message>
        <source>Laporan data pribadi (PDF)…</source>
        <translation>Personal data report (PDF)…</translation>
    </message>
    <message>
        <source>Hapus data pribadi…</source>
        <translation>Erase personal data…</translation>
    </message>
    <message>
        <source>Daftarkan peserta baru (Ctrl+N)</source>
        <translation>Register a new participant (Ctrl+N)</translation>
    </message>
    <message>
        <source>Ubah peserta terpilih (Enter)</source>
        <translation>Edit the selected participant (Enter)</translation>
    </message>
    <message>
        <source>Hapus peserta terpilih (Delete)</source>
        <translation>Delete the selected participant (Delete)</translation>
    </message>
    <message>
        <source>Tampilkan semua</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Hapus pencarian dan semua filter</source>
        <translation>Clear the search and every filter</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Semua pekerjaan</source>
        <translation>All occupations</translation>
    </message>
    <message>
        <source>Semua program</source>
        <translation>All programmes</translation>
    </message>
    <message>
        <source>Ikut %1</source>
        <translation>In %1</translation>
    </message>
    <message>
        <source>Perangkat: semua</source>
        <translation>Officials: all</translation>
    </message>
    <message>
        <source>Perangkat desa saja</source>
        <translation>Village officials only</translation>
    </message>
    <message>
        <source>Bukan perangkat desa</source>
        <translation>Not a village official</translation>
    </message>
    <message>
        <source>Semua kab/kota</source>
        <translation>All regencies/cities</translation>
    </message>
    <message>
        <source>Semua desa</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>Desa (ketik untuk mencari)</source>
        <translation>Village (type to search)</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Status peserta</source>
        <translation>Participant status</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Program yang diikuti</source>
        <translation>Programmes joined</translation>
    </message>
    <message>
        <source>Perangkat desa</source>
        <translation>Village officials</translation>
    </message>
    <message>
        <source>Daftar tidak bisa dimuat: %1</source>
        <translation>The list could not be loaded: %1</translation>
    </message>
    <message>
        <source>Menghitung…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>%1+ peserta, menghitung…</source>
        <translation>%1+ participants, counting…</translation>
    </message>
    <message>
        <source>Tidak ada peserta yang cocok</source>
        <translation>No matching participants</translation>
    </message>
    <message>
        <source>%1 peserta</source>
        <translation>%1 participants</translation>
    </message>
    <message>
        <source>Hapus %1 dari daftar peserta?</source>
        <translation>Delete %1 from the list of participants?</translation>
    </message>
    <message>
        <source>Datanya tetap tersimpan sebagai catatan terhapus dan ikut tersinkron, sehingga laptop lain juga menghapusnya.</source>
        <translation>The record stays in the file as deleted and is synchronised, so other laptops delete it too.</translation>
    </message>
    <message>
        <source>Hapus peserta</source>
        <translation>Delete participant</translation>
    </message>
</context>
<context>
    <name>PersonalData</name>
    <message>
        <source>Simpan laporan data pribadi</source>
        <translation>Save personal data report</translation>
    </message>
    <message>
        <source>Laporan disimpan di %1</source>
        <translation>Report saved to %1</translation>
    </message>
    <message>
        <source>Hapus data pribadi %1?</source>
        <translation>Erase the personal data of %1?</translation>
    </message>
    <message>
        <source>Nama, NIK, telepon, tanggal lahir, alamat, penghasilan dan No. KPJ orang ini dihapus dari laptop ini: dari datanya, riwayat perubahan, daftar konflik dan daftar hadir sebagai tamu. Yang tersisa hanya catatan bahwa data dihapus (tanpa isinya). Ini tidak bisa dibatalkan.</source>
        <translation>This person&apos;s name, NIK, phone, birth date, address, income and KPJ number are erased from this laptop: from the record, the change history, the conflict list and guest attendance lists. Only a note that the data was erased remains (without the values). This cannot be undone.</translation>
    </message>
    <message>
        <source>Laptop lain ikut menghapusnya setelah mengimpor ekspor berikutnya dari laptop ini; buku kerja lama tidak bisa mengembalikannya.</source>
        <translation>Other laptops erase it too once they import the next export from this laptop; older workbooks cannot bring it back.</translation>
    </message>
    <message>
        <source>Cadangan di laptop ini ikut dibersihkan; salinan yang disimpan di luar aplikasi (flashdisk, folder lain) tidak, tetapi bila dipulihkan nanti orang ini tetap terhapus.</source>
        <translation>The backups on this laptop are cleaned too; copies kept outside the app (USB stick, another folder) are not, but if one is restored later this person stays erased.</translation>
    </message>
    <message>
        <source>Hapus data pribadi</source>
        <translation>Erase personal data</translation>
    </message>
    <message>
        <source>Data pribadi sudah dihapus di laptop ini. Ekspor untuk sinkronisasi agar laptop lain ikut menghapusnya.</source>
        <translation>The personal data was erased on this laptop. Export for sync so that other laptops erase it too.</translation>
    </message>
</context>
<context>
    <name>PracticeBanner</name>
    <message>
        <source>BASIS DATA LATIHAN — data di sini bukan data sungguhan (%1)</source>
        <translation>PRACTICE DATABASE — the data here is not real data (%1)</translation>
    </message>
    <message>
        <source>Berkas ini berisi data contoh untuk berlatih. Untuk bekerja, buka basis data Anda lewat Berkas &gt; Buka terakhir atau Buka basis data…</source>
        <translation>This file holds sample data to practise on. To work, open your database through File &gt; Open recent or Open database…</translation>
    </message>
</context>
<context>
    <name>ProcessingDialog</name>
    <message>
        <source>Catatan pemrosesan data pribadi</source>
        <translation>Record of personal-data processing</translation>
    </message>
    <message>
        <source>Setiap ekspor, impor, cadangan, pemulihan, salinan privasi, laporan data pribadi dan penghapusan: siapa, kapan, berkas apa (dengan SHA-256) dan berapa catatan. Tidak memuat data pribadi.</source>
        <translation>Every export, import, backup, restore, privacy copy, personal data report and erasure: who, when, which file (with SHA-256) and how many records. Holds no personal data.</translation>
    </message>
    <message>
        <source>Waktu (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>baris</source>
        <translation>rows</translation>
    </message>
    <message>
        <source>riwayat</source>
        <translation>history</translation>
    </message>
    <message>
        <source>kehadiran</source>
        <translation>attendance</translation>
    </message>
    <message>
        <source>riwayat dibersihkan</source>
        <translation>history cleared</translation>
    </message>
    <message>
        <source>konflik dihapus</source>
        <translation>conflicts removed</translation>
    </message>
    <message>
        <source>catatan terhapus dibersihkan</source>
        <translation>deleted records cleared</translation>
    </message>
    <message>
        <source>&amp;Ekspor CSV…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <source>&amp;Simpan masa simpan</source>
        <translation>&amp;Save retention periods</translation>
    </message>
    <message>
        <source>Nilai di riwayat perubahan dan konflik disimpan (hari)</source>
        <translation>Values in the change history and conflicts are kept for (days)</translation>
    </message>
    <message>
        <source>Data pribadi peserta yang dihapus dibersihkan setelah (hari)</source>
        <translation>Personal data of deleted participants is erased after (days)</translation>
    </message>
    <message>
        <source>Cadangan otomatis dihapus setelah (hari)</source>
        <translation>Automatic backups are removed after (days)</translation>
    </message>
    <message>
        <source>Masa simpan disimpan; diterapkan saat aplikasi ditutup.</source>
        <translation>Retention periods saved; they are applied when the app closes.</translation>
    </message>
    <message>
        <source>Ekspor catatan pemrosesan</source>
        <translation>Export processing record</translation>
    </message>
    <message>
        <source>%1 baris disimpan di %2</source>
        <translation>%1 rows saved to %2</translation>
    </message>
</context>
<context>
    <name>ProgressTableModel</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Capaian</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Prospek</source>
        <translation>Prospects</translation>
    </message>
    <message>
        <source>Peserta yang mendaftar tahun ini (terdaftar, aktif atau tidak aktif)</source>
        <translation>Participants who registered this year (registered, active or inactive)</translation>
    </message>
    <message>
        <source>Target tahun ini</source>
        <translation>This year&apos;s target</translation>
    </message>
    <message>
        <source>Terdaftar dibanding target; garis tegak: capaian yang seharusnya sudah dicapai hari ini</source>
        <translation>Registered against the target; the vertical line: where progress should be today</translation>
    </message>
    <message>
        <source>Dari yang terdaftar tahun ini, yang kini aktif membayar iuran</source>
        <translation>Of those registered this year, those now actively paying</translation>
    </message>
    <message>
        <source>Orang yang belum mendaftar (semua tahun)</source>
        <translation>People not registered yet (all years)</translation>
    </message>
    <message>
        <source>%1 dari %2; kurang %3</source>
        <translation>%1 of %2; %3 to go</translation>
    </message>
</context>
<context>
    <name>RateTableModel</name>
    <message>
        <source>Komponen</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Nilai</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Berlaku dari</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>Sampai</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Untuk</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>transportasi</source>
        <translation>transport</translation>
    </message>
    <message>
        <source>selain transportasi</source>
        <translation>non-transport</translation>
    </message>
    <message>
        <source>semua</source>
        <translation>all</translation>
    </message>
    <message>
        <source>JKM: iuran tetap</source>
        <translation>JKM: flat contribution</translation>
    </message>
    <message>
        <source>JKK: persen penghasilan</source>
        <translation>JKK: percent of income</translation>
    </message>
    <message>
        <source>JKK: iuran minimum</source>
        <translation>JKK: minimum contribution</translation>
    </message>
    <message>
        <source>JKK: iuran maksimum</source>
        <translation>JKK: maximum contribution</translation>
    </message>
    <message>
        <source>JKK: iuran per batas penghasilan</source>
        <translation>JKK: contribution per income bracket</translation>
    </message>
    <message>
        <source>JHT: persen penghasilan</source>
        <translation>JHT: percent of income</translation>
    </message>
    <message>
        <source>Diskon JKK+JKM</source>
        <translation>JKK+JKM discount</translation>
    </message>
    <message>
        <source>Tanpa diskon bila didanai</source>
        <translation>No discount when funded by</translation>
    </message>
    <message>
        <source>di atasnya: %1</source>
        <translation>above that: %1</translation>
    </message>
    <message>
        <source>s.d. %1: %2</source>
        <translation>up to %1: %2</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Kunci pemulihan</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Ini kunci pemulihan basis data Anda. Tulis di kertas dan serahkan ke supervisor: bila kata sandi lupa, hanya kunci ini yang bisa membuka data. Kunci ini hanya ditampilkan sekali.</source>
        <translation>This is the recovery key of your database. Write it on paper and give it to your supervisor: if the passphrase is forgotten, only this key can open the data. It is shown only once.</translation>
    </message>
    <message>
        <source>Salin</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Saya sudah menuliskan kunci pemulihan ini</source>
        <translation>I have written this recovery key down</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>RegionImport</name>
    <message>
        <source>Pilih berkas data wilayah</source>
        <translation>Choose region data files</translation>
    </message>
    <message>
        <source>Data wilayah (*.csv *.xlsx);;Semua berkas (*)</source>
        <translation>Region data (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Pilih folder data wilayah</source>
        <translation>Choose the region data folder</translation>
    </message>
    <message>
        <source>Folder ini tidak berisi berkas data wilayah (CSV/XLSX dengan kolom code,name,kind / code,regency_code,name / code,district_code,name,kind).</source>
        <translation type="vanished">This folder holds no region data files (CSV/XLSX with the columns code,name,kind / code,regency_code,name / code,district_code,name,kind).</translation>
    </message>
    <message>
        <source>Pilih berkas data wilayah satu per satu, atau satu folder: semua berkas data wilayah di folder itu dimuat, berkas lain dilewati.</source>
        <translation>Choose region data files one by one, or a folder: every region data file in it is loaded, other files are skipped.</translation>
    </message>
    <message>
        <source>Pilih &amp;berkas…</source>
        <translation>Choose &amp;files…</translation>
    </message>
    <message>
        <source>Pilih &amp;folder…</source>
        <translation>Choose a f&amp;older…</translation>
    </message>
    <message>
        <source>Dilewati, bukan berkas data wilayah:</source>
        <translation>Skipped, not region data files:</translation>
    </message>
    <message>
        <source>Tidak ada berkas data wilayah di antara yang dipilih.</source>
        <translation>None of the chosen files is a region data file.</translation>
    </message>
    <message>
        <source>Data wilayah dimuat: %1 kabupaten/kota, %2 kecamatan, %3 desa/kelurahan.</source>
        <translation>Region data loaded: %1 regencies/cities, %2 districts, %3 villages/wards.</translation>
    </message>
    <message>
        <source>Versi data: %1</source>
        <translation>Data version: %1</translation>
    </message>
    <message>
        <source>Impor data wilayah gagal karena kesalahan tak terduga; rinciannya dicatat di berkas log.</source>
        <translation>Importing the region data failed because of an unexpected error; the details are in the log file.</translation>
    </message>
    <message>
        <source>Memuat data wilayah…</source>
        <translation>Loading region data…</translation>
    </message>
    <message>
        <source>Impor data wilayah</source>
        <translation>Import region data</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Tandai mendaftar</source>
        <translation>Mark as registered</translation>
    </message>
    <message>
        <source>%1 mendaftar sebagai peserta BPU pada atau sesudah sesi ini.</source>
        <translation>%1 registered as a BPU participant at or after this session.</translation>
    </message>
    <message>
        <source>&amp;Tanggal daftar</source>
        <translation>Registration &amp;date</translation>
    </message>
    <message>
        <source>&amp;NIK (wajib untuk mendaftar)</source>
        <translation>&amp;NIK (required to register)</translation>
    </message>
</context>
<context>
    <name>SessionDetailPanel</name>
    <message>
        <source>Pilih sesi di daftar untuk melihat daftar hadirnya, atau tambah sesi baru.</source>
        <translation>Select a session in the list to see its attendance, or add a new session.</translation>
    </message>
    <message>
        <source>hadir</source>
        <translation>attended</translation>
    </message>
    <message>
        <source>prospek baru</source>
        <translation>new prospects</translation>
    </message>
    <message>
        <source>mendaftar</source>
        <translation>registered</translation>
    </message>
    <message>
        <source>Semua orang di daftar hadir, termasuk tamu</source>
        <translation>Everyone on the attendance list, walk-ins included</translation>
    </message>
    <message>
        <source>Pertama kali dijangkau di sesi ini dan belum terdaftar sebelumnya</source>
        <translation>Reached for the first time at this session and not registered before</translation>
    </message>
    <message>
        <source>Ditandai mendaftar, atau mendaftar pada/sesudah tanggal sesi</source>
        <translation>Marked as registered, or registered on/after the session date</translation>
    </message>
    <message>
        <source>&amp;Centang peserta desa…</source>
        <translation>&amp;Tick village participants…</translation>
    </message>
    <message>
        <source>Pilih yang hadir dari orang desa ini</source>
        <translation>Pick who attended from this village&apos;s people</translation>
    </message>
    <message>
        <source>Ta&amp;mu baru…</source>
        <translation>New &amp;walk-in…</translation>
    </message>
    <message>
        <source>Orang yang belum tercatat: nama, telepon, pekerjaan; menjadi prospek</source>
        <translation>Someone not recorded yet: name, phone, occupation; becomes a prospect</translation>
    </message>
    <message>
        <source>Tandai &amp;mendaftar…</source>
        <translation>&amp;Mark as registered…</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Hapus dari daftar</source>
        <translation>Remove from the list</translation>
    </message>
    <message>
        <source>Salin nama &amp;&amp; telepon</source>
        <translation>Copy names &amp;&amp; phones</translation>
    </message>
    <message>
        <source>Catat tamu sebagai prospek</source>
        <translation>Record walk-in as a prospect</translation>
    </message>
    <message>
        <source>Tamu yang hanya tertulis namanya dijadikan prospek desa ini</source>
        <translation>A walk-in known only by name becomes a prospect of this village</translation>
    </message>
    <message>
        <source>Batalkan tanda mendaftar</source>
        <translation>Undo the registration mark</translation>
    </message>
    <message>
        <source>Prospek yang hadir tetapi belum mendaftar: kunjungi atau telepon lagi.</source>
        <translation>Prospects who attended but have not registered: visit or phone them again.</translation>
    </message>
    <message>
        <source>(tanpa desa)</source>
        <translation>(no village)</translation>
    </message>
    <message>
        <source>fasilitator %1</source>
        <translation>facilitator %1</translation>
    </message>
    <message>
        <source>Daftar hadir (%1)</source>
        <translation>Attendance (%1)</translation>
    </message>
    <message>
        <source>Seluruh desa %1 (semua sesi)</source>
        <translation>All of %1 (every session)</translation>
    </message>
    <message>
        <source>Tahap mereka sekarang:</source>
        <translation>Where they are now:</translation>
    </message>
    <message>
        <source>tamu belum dicatat &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>walk-ins not recorded &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Perlu dikunjungi lagi (%1)</source>
        <translation>To visit again (%1)</translation>
    </message>
    <message>
        <source>Hapus %1 dari daftar hadir sesi ini? Datanya sebagai peserta tetap ada.</source>
        <translation>Remove %1 from this session&apos;s attendance? Their participant record stays.</translation>
    </message>
    <message>
        <source>(tanpa nomor)</source>
        <translation>(no number)</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Ubah sesi</source>
        <translation>Edit session</translation>
    </message>
    <message>
        <source>Tambah sesi</source>
        <translation>Add session</translation>
    </message>
    <message>
        <source>&amp;Desa</source>
        <translation>&amp;Village</translation>
    </message>
    <message>
        <source>&amp;Tanggal</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Jenis</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>Te&amp;mpat</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <source>&amp;Fasilitator</source>
        <translation>&amp;Facilitator</translation>
    </message>
    <message>
        <source>&amp;Catatan</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>mis. Balai Desa, rumah Kepala Dusun</source>
        <translation>e.g. village hall, the hamlet head&apos;s house</translation>
    </message>
    <message>
        <source>Ketik nama desa…</source>
        <translation>Type a village name…</translation>
    </message>
    <message>
        <source>Pilih desa tempat sesi diadakan dari daftar.</source>
        <translation>Pick the village where the session was held from the list.</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Fasilitator</source>
        <translation>Facilitator</translation>
    </message>
    <message>
        <source>Hadir</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Prospek baru</source>
        <translation>New prospects</translation>
    </message>
    <message>
        <source>Mendaftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Semua orang di daftar hadir, termasuk tamu</source>
        <translation>Everyone on the attendance list, walk-ins included</translation>
    </message>
    <message>
        <source>Orang yang pertama kali dijangkau di sesi ini dan belum terdaftar sebelumnya (termasuk tamu)</source>
        <translation>People reached for the first time at this session and not registered before (walk-ins included)</translation>
    </message>
    <message>
        <source>Ditandai mendaftar, atau mendaftar pada/sesudah tanggal sesi</source>
        <translation>Marked as registered, or registered on/after the session date</translation>
    </message>
    <message>
        <source>(tanpa desa)</source>
        <translation>(no village)</translation>
    </message>
    <message>
        <source>Tempat: %1</source>
        <translation>Place: %1</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Desa, tempat, fasilitator atau catatan</source>
        <translation>Village, place, facilitator or notes</translation>
    </message>
    <message>
        <source>&amp;Jenis</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>&amp;Kabupaten</source>
        <translation>&amp;Regency</translation>
    </message>
    <message>
        <source>&amp;Tahun</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>&amp;Tambah sesi…</source>
        <translation>&amp;Add session…</translation>
    </message>
    <message>
        <source>&amp;Ubah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Hapus</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Ri&amp;wayat…</source>
        <translation>H&amp;istory…</translation>
    </message>
    <message>
        <source>Siapa mengubah apa dan kapan, termasuk dari impor</source>
        <translation>Who changed what and when, including through imports</translation>
    </message>
    <message>
        <source>Cetak daftar &amp;hadir…</source>
        <translation>Print a&amp;ttendance sheet…</translation>
    </message>
    <message>
        <source>Lembar daftar hadir (.xlsx, A4 mendatar) berisi orang desa ini dan baris kosong untuk tamu</source>
        <translation>Attendance sheet (.xlsx, A4 landscape) listing this village&apos;s people, with empty rows for walk-ins</translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Semua kabupaten</source>
        <translation>All regencies</translation>
    </message>
    <message>
        <source>Semua tahun</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>Daftar sesi gagal dimuat: %1</source>
        <translation type="vanished">The sessions could not be loaded: %1</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 sesi</source>
        <translation>%1 sessions</translation>
    </message>
    <message>
        <source>menghitung kehadiran…</source>
        <translation>counting attendance…</translation>
    </message>
    <message>
        <source>Hapus sesi %1 di %2 tanggal %3? Daftar hadirnya ikut terhapus; data peserta tetap ada.</source>
        <translation>Delete the %1 session in %2 on %3? Its attendance is deleted too; participant records stay.</translation>
    </message>
    <message>
        <source>Simpan daftar hadir</source>
        <translation>Save attendance sheet</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Daftar hadir disimpan di %1. Buka di Excel atau LibreOffice lalu cetak (sudah diatur A4 mendatar).</source>
        <translation>Attendance sheet saved to %1. Open it in Excel or LibreOffice and print (already set to A4 landscape).</translation>
    </message>
    <message>
        <source>Berkas tidak bisa disimpan: %1</source>
        <translation type="vanished">The file could not be saved: %1</translation>
    </message>
    <message>
        <source>Desa %1 kini berstatus %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
</context>
<context>
    <name>SetPassphraseDialog</name>
    <message>
        <source>Lindungi data dengan kata sandi</source>
        <translation>Protect the data with a passphrase</translation>
    </message>
    <message>
        <source>Lindungi data peserta dengan kata sandi</source>
        <translation>Protect participants&apos; data with a passphrase</translation>
    </message>
    <message>
        <source>Basis data berisi NIK, nama, nomor HP dan penghasilan banyak orang. Dengan kata sandi, basis data dan semua cadangannya dienkripsi: laptop yang hilang tidak membocorkan apa pun. Kata sandi ditanyakan setiap kali aplikasi dibuka dan setelah laptop lama tidak dipakai.</source>
        <translation>The database holds the NIKs, names, phone numbers and incomes of many people. With a passphrase, the database and all its backups are encrypted: a lost laptop gives nothing away. The passphrase is asked each time the app opens and after the laptop has been left unused for a while.</translation>
    </message>
    <message>
        <source>Data yang sudah ada dan cadangannya akan dienkripsi sekarang (beberapa detik sampai beberapa menit).</source>
        <translation>The existing data and its backups are encrypted now (a few seconds to a few minutes).</translation>
    </message>
    <message>
        <source>&amp;Kata sandi baru</source>
        <translation>&amp;New passphrase</translation>
    </message>
    <message>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat the passphrase</translation>
    </message>
    <message>
        <source>Lindungi</source>
        <translation>Protect</translation>
    </message>
    <message>
        <source>Lewati (tidak disarankan)</source>
        <translation>Skip (not recommended)</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Minimal %1 karakter; 3 kata atau lebih lebih mudah diingat.</source>
        <translation>At least %1 characters; 3 or more words are easier to remember.</translation>
    </message>
    <message>
        <source>Tanpa kata sandi, siapa pun yang memegang laptop ini bisa membaca NIK, nama, nomor HP dan penghasilan semua peserta, juga dari cadangannya. UU 27/2022 tentang Pelindungan Data Pribadi mewajibkan data ini dilindungi.

Lanjut tanpa kata sandi? Kata sandi bisa dipasang nanti lewat Pengaturan.</source>
        <translation>Without a passphrase, anyone holding this laptop can read the NIKs, names, phone numbers and incomes of all participants, from the backups too. Law 27/2022 on Personal Data Protection requires this data to be protected.

Continue without a passphrase? One can be set later in Settings.</translation>
    </message>
    <message>
        <source>Lanjut tanpa kata sandi?</source>
        <translation>Continue without a passphrase?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Petugas dan bahasa</source>
        <translation>Officer and language</translation>
    </message>
    <message>
        <source>Data wilayah</source>
        <translation>Region data</translation>
    </message>
    <message>
        <source>Tarif iuran</source>
        <translation>Contribution rates</translation>
    </message>
    <message>
        <source>Keamanan</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>&amp;Kunci otomatis setelah (menit, 0 = tidak pernah)</source>
        <translation>&amp;Lock automatically after (minutes, 0 = never)</translation>
    </message>
    <message>
        <source>&amp;Nama petugas</source>
        <translation>Officer &amp;name</translation>
    </message>
    <message>
        <source>&amp;Kantor cabang</source>
        <translation>&amp;Branch office</translation>
    </message>
    <message>
        <source>&amp;Bahasa tampilan</source>
        <translation>Display &amp;language</translation>
    </message>
    <message>
        <source>Impor &amp;berkas…</source>
        <translation>Import &amp;files…</translation>
    </message>
    <message>
        <source>Impor &amp;folder…</source>
        <translation>Import f&amp;older…</translation>
    </message>
    <message>
        <source>Berkas CSV atau XLSX dari Kepmendagri: kabupaten/kota (code,name,kind), kecamatan (code,regency_code,name) dan desa/kelurahan (code,district_code,name,kind). Dengan data wilayah, desa dipilih menurut kodenya sehingga sama di semua laptop.</source>
        <translation>CSV or XLSX files from the Kemendagri decree: regencies/cities (code,name,kind), districts (code,regency_code,name) and villages/wards (code,district_code,name,kind). With region data, villages are picked by their code, so they are the same record on every laptop.</translation>
    </message>
    <message>
        <source>&amp;Impor tarif dari CSV…</source>
        <translation>&amp;Import rates from CSV…</translation>
    </message>
    <message>
        <source>&amp;Kembalikan tarif bawaan</source>
        <translation>&amp;Restore the bundled rates</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Terjemahan bahasa Inggris tidak tersedia di instalasi ini; tampilan tetap berbahasa Indonesia.</source>
        <translation>The English translation is not available in this installation; the interface stays in Indonesian.</translation>
    </message>
    <message>
        <source>Belum ada data wilayah. Desa diisi manual (tanpa kode wilayah).</source>
        <translation>No region data yet. Villages are typed in by hand (without a region code).</translation>
    </message>
    <message>
        <source>Data wilayah dimuat: %1 kabupaten/kota, %2 kecamatan, %3 desa/kelurahan.</source>
        <translation>Region data loaded: %1 regencies/cities, %2 districts, %3 villages/wards.</translation>
    </message>
    <message>
        <source>Versi data: %1</source>
        <translation>Data version: %1</translation>
    </message>
    <message>
        <source>Tabel tarif bawaan tidak ditemukan.</source>
        <translation>The bundled rate table was not found.</translation>
    </message>
    <message>
        <source>Tabel tarif yang berlaku: bawaan aplikasi.</source>
        <translation>Rate table in force: bundled with the app.</translation>
    </message>
    <message>
        <source>Tabel tarif yang berlaku: hasil impor (bukan bawaan).</source>
        <translation>Rate table in force: imported (not the bundled one).</translation>
    </message>
    <message>
        <source>Pilih berkas tarif iuran</source>
        <translation>Choose a contribution rate file</translation>
    </message>
    <message>
        <source>Berkas CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Kembalikan tabel tarif iuran ke tabel bawaan aplikasi?</source>
        <translation>Go back to the contribution rate table bundled with the app?</translation>
    </message>
    <message>
        <source>Basis data dan semua cadangannya terenkripsi dengan kata sandi Anda.</source>
        <translation>The database and all its backups are encrypted with your passphrase.</translation>
    </message>
    <message>
        <source>&amp;Ganti kata sandi…</source>
        <translation>&amp;Change passphrase…</translation>
    </message>
    <message>
        <source>Basis data TIDAK dilindungi kata sandi: siapa pun yang memegang laptop ini bisa membaca data peserta.</source>
        <translation>The database is NOT protected by a passphrase: anyone holding this laptop can read participants&apos; data.</translation>
    </message>
    <message>
        <source>&amp;Pasang kata sandi…</source>
        <translation>&amp;Set a passphrase…</translation>
    </message>
    <message>
        <source>Nama petugas wajib diisi.</source>
        <translation>The officer&apos;s name is required.</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>Dibatalkan; tidak ada yang diubah.</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>Ekspor data untuk penyelia</source>
        <translation>Export data for supervisors</translation>
    </message>
    <message>
        <source>Ekspor buku kerja sinkronisasi</source>
        <translation>Export sync workbook</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Buku kerja disimpan ke {path}.
{counts}</source>
        <translation>Workbook saved to {path}.
{counts}</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Impor selesai: {new} baru, {updated} diperbarui, {conflict} konflik, {rejected} ditolak.</source>
        <translation>Import finished: {new} new, {updated} updated, {conflict} conflicts, {rejected} rejected.</translation>
    </message>
    <message>
        <source>Konflik dapat ditinjau di tampilan Sinkronisasi.</source>
        <translation>Conflicts can be reviewed in the Sync view.</translation>
    </message>
    <message>
        <source>Impor buku kerja sinkronisasi</source>
        <translation>Import sync workbook</translation>
    </message>
    <message>
        <source>Berkas ini sudah pernah diimpor ({at}); tidak ada yang diubah.</source>
        <translation>This file was already imported ({at}); nothing was changed.</translation>
    </message>
    <message>
        <source>Berkas ini sudah pernah diimpor; tidak ada yang diubah.</source>
        <translation>This file was already imported; nothing was changed.</translation>
    </message>
    <message>
        <source>Menerapkan impor…</source>
        <translation>Applying the import…</translation>
    </message>
    <message>
        <source>Membaca buku kerja…</source>
        <translation>Reading the workbook…</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sinkronisasi: riwayat, konflik dan data ganda</source>
        <translation>Sync: history, conflicts and duplicates</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Arah</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Dari laptop</source>
        <translation>From laptop</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>Terdeteksi</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Yang kalah</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Perbedaan (sekarang → yang kalah)</source>
        <translation>Differences (now → lost)</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kehadiran</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Konflik ({n})</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <source>Kemungkinan ganda ({n})</source>
        <translation>Possible duplicates ({n})</translation>
    </message>
    <message>
        <source>Pulihkan versi yang kalah</source>
        <translation>Restore the version that lost</translation>
    </message>
    <message>
        <source>Tandai sudah ditinjau</source>
        <translation>Mark as reviewed</translation>
    </message>
    <message>
        <source>Gabungkan ke orang yang dipilih</source>
        <translation>Merge into the selected person</translation>
    </message>
    <message>
        <source>Data yang diubah di dua tempat sejak sinkronisasi terakhir. Versi terbaru sudah dipakai; versi yang kalah disimpan di sini dan bisa dipulihkan.</source>
        <translation>Records changed in two places since the last sync. The newest version is in use; the version that lost is kept here and can be restored.</translation>
    </message>
    <message>
        <source>Orang dengan NIK yang sama tercatat dua kali. Pilih orang yang dipertahankan, lalu gabungkan: yang lain ditandai terhapus dan kehadirannya dipindahkan.</source>
        <translation>People recorded twice with the same NIK. Select the one to keep, then merge: the others are marked deleted and their attendance moves over.</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>versi laptop ini</source>
        <translation>this laptop&apos;s version</translation>
    </message>
    <message>
        <source>versi dari berkas</source>
        <translation>the file&apos;s version</translation>
    </message>
    <message>
        <source>Pulihkan versi yang kalah untuk {label}? Ini menjadi suntingan baru yang akan ikut tersinkron.</source>
        <translation>Restore the version that lost for {label}? It becomes a new edit that syncs like any other.</translation>
    </message>
    <message>
        <source>Pertahankan {name} dan gabungkan {n} data lain dengan NIK {nik} ke dalamnya?</source>
        <translation>Keep {name} and merge {n} other records with NIK {nik} into it?</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Target tahunan</source>
        <translation>Yearly targets</translation>
    </message>
    <message>
        <source>&amp;Tahun</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>&amp;Cakupan</source>
        <translation>&amp;Scope</translation>
    </message>
    <message>
        <source>&amp;Untuk</source>
        <translation>&amp;For</translation>
    </message>
    <message>
        <source>Target &amp;peserta</source>
        <translation>&amp;Participant target</translation>
    </message>
    <message>
        <source>&amp;Simpan target</source>
        <translation>Sa&amp;ve target</translation>
    </message>
    <message>
        <source>&amp;Hapus target terpilih</source>
        <translation>&amp;Delete the selected target</translation>
    </message>
    <message>
        <source>Dihitung: peserta yang mendaftar pada tahun itu (terdaftar, aktif atau tidak aktif). Menyimpan target untuk yang sudah punya target akan mengubahnya.</source>
        <translation>Counted: participants who registered in that year (registered, active or inactive). Saving a target for something that already has one changes it.</translation>
    </message>
    <message>
        <source>Cakupan</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Untuk</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Seluruh kantor cabang</source>
        <translation>The whole branch office</translation>
    </message>
    <message>
        <source>(desa terhapus)</source>
        <translation>(deleted village)</translation>
    </message>
    <message>
        <source>Hapus target %1 untuk %2?</source>
        <translation>Delete the %1 target for %2?</translation>
    </message>
</context>
<context>
    <name>UndoDelete</name>
    <message>
        <source>&amp;Urungkan hapus</source>
        <translation>&amp;Undo delete</translation>
    </message>
    <message>
        <source>Belum ada data yang dihapus sejak aplikasi dibuka</source>
        <translation>Nothing was deleted since the app was opened</translation>
    </message>
    <message>
        <source>&amp;Urungkan hapus %1</source>
        <translation>&amp;Undo delete of %1</translation>
    </message>
    <message>
        <source>Pulihkan %1 yang baru dihapus</source>
        <translation>Restore %1, just deleted</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Desa Sadar terkunci</source>
        <translation>Desa Sadar is locked</translation>
    </message>
    <message>
        <source>Terkunci karena lama tidak dipakai</source>
        <translation>Locked after a while without use</translation>
    </message>
    <message>
        <source>Buka basis data</source>
        <translation>Open the database</translation>
    </message>
    <message>
        <source>Basis data dilindungi kata sandi</source>
        <translation>The database is protected by a passphrase</translation>
    </message>
    <message>
        <source>Masukkan kata sandi untuk %1. Lupa kata sandi? Ketik kunci pemulihan dari supervisor (8 kelompok 4 huruf/angka) di kolom yang sama.</source>
        <translation>Enter the passphrase for %1. Forgot it? Type the recovery key from your supervisor (8 groups of 4 letters/digits) in the same field.</translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tutup aplikasi</source>
        <translation>Close the app</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Tutup aplikasi? Isian formulir yang belum disimpan akan hilang.</source>
        <translation>Close the app? What is typed in forms and not saved will be lost.</translation>
    </message>
</context>
<context>
    <name>VillageDetailPanel</name>
    <message>
        <source>Pilih desa di tabel untuk melihat perangkat desa, peserta dan sosialisasinya.</source>
        <translation>Select a village in the table to see its officials, participants and sessions.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kepala desa</source>
        <translation>Village head</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Pekerja informal</source>
        <translation>Informal workers</translation>
    </message>
    <message>
        <source>Luncurkan sebagai Desa Sadar</source>
        <translation>Launch as Desa Sadar</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>&amp;Luncurkan…</source>
        <translation>&amp;Launch…</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Pekerjaan atau jabatan</source>
        <translation>Occupation or position</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Kec. %1</source>
        <translation>%1 district</translation>
    </message>
    <message>
        <source>Kode wilayah %1</source>
        <translation>Region code %1</translation>
    </message>
    <message>
        <source>belum diketahui</source>
        <translation>not known yet</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Perangkat desa: %1 dari %2 jabatan wajib terisi</source>
        <translation>Village officials: %1 of %2 required positions filled</translation>
    </message>
    <message>
        <source>belum terdaftar</source>
        <translation>not registered yet</translation>
    </message>
    <message>
        <source>Peserta: %1</source>
        <translation>Participants: %1</translation>
    </message>
    <message>
        <source>Sosialisasi dan kegiatan: %1</source>
        <translation>Sessions and events: %1</translation>
    </message>
    <message>
        <source>Jabatan berikut di %1 belum terdaftar:</source>
        <translation>These positions in %1 have nobody registered yet:</translation>
    </message>
    <message>
        <source>Tetap luncurkan sebagai Desa Sadar pada %1?</source>
        <translation>Launch it as a Desa Sadar on %1 anyway?</translation>
    </message>
    <message>
        <source>Perangkat desa belum lengkap</source>
        <translation>Village officials incomplete</translation>
    </message>
    <message>
        <source>Daftarkan…</source>
        <translation>Register…</translation>
    </message>
    <message>
        <source>Daftarkan seseorang sebagai %1</source>
        <translation>Register someone as %1</translation>
    </message>
</context>
<context>
    <name>VillageDialog</name>
    <message>
        <source>Ubah desa</source>
        <translation>Edit village</translation>
    </message>
    <message>
        <source>Tambah desa</source>
        <translation>Add village</translation>
    </message>
    <message>
        <source>Pilih dari data wilayah Kemendagri</source>
        <translation>Pick from the Kemendagri region data</translation>
    </message>
    <message>
        <source>&amp;Kabupaten/Kota</source>
        <translation>&amp;Regency/city</translation>
    </message>
    <message>
        <source>K&amp;ecamatan</source>
        <translation>Dis&amp;trict</translation>
    </message>
    <message>
        <source>&amp;Desa/Kelurahan</source>
        <translation>&amp;Village/ward</translation>
    </message>
    <message>
        <source>Isi manual (tanpa kode wilayah, mis. pasar)</source>
        <translation>Type in by hand (no region code, e.g. a market)</translation>
    </message>
    <message>
        <source>&amp;Jenis</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>&amp;Nama *</source>
        <translation>&amp;Name *</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Kabupaten/Kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Kepala desa/&amp;pimpinan</source>
        <translation>Village &amp;head/leader</translation>
    </message>
    <message>
        <source>&amp;Telepon kontak</source>
        <translation>Contact &amp;phone</translation>
    </message>
    <message>
        <source>Perkiraan pekerja &amp;informal</source>
        <translation>Estimated &amp;informal workers</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Tanggal pe&amp;luncuran</source>
        <translation>&amp;Launch date</translation>
    </message>
    <message>
        <source>Cat&amp;atan</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>belum diketahui</source>
        <translation>not known yet</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kode wilayah: %1</source>
        <translation>Region code: %1</translation>
    </message>
    <message>
        <source>Pilih desa/kelurahan dari daftar, atau centang isi manual.</source>
        <translation>Pick a village/ward from the list, or tick &quot;type in by hand&quot;.</translation>
    </message>
</context>
<context>
    <name>VillageTableModel</name>
    <message>
        <source>Perangkat desa terdaftar / jabatan yang wajib terisi</source>
        <translation>Village officials registered / positions that must be filled</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Kabupaten/Kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Diluncurkan</source>
        <translation>Launched</translation>
    </message>
    <message>
        <source>Perangkat</source>
        <translation>Officials</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message numerus="yes">
        <source>%n jabatan belum terisi</source>
        <translation>
            <numerusform>%n position not filled yet</numerusform>
            <numerusform>%n positions not filled yet</numerusform>
        </translation>
    </message>
    <message>
        <source>Semua jabatan wajib sudah terisi</source>
        <translation>Every required position is filled</translation>
    </message>
</context>
<context>
    <name>VillagesTab</name>
    <message>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Nama desa, kecamatan atau kode wilayah</source>
        <translation>Village name, district or region code</translation>
    </message>
    <message>
        <source>&amp;Kabupaten</source>
        <translation>&amp;Regency</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Jenis</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>Tambah d&amp;esa…</source>
        <translation>&amp;Add village…</translation>
    </message>
    <message>
        <source>Ub&amp;ah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Hapus</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Riwayat…</source>
        <translation>H&amp;istory…</translation>
    </message>
    <message>
        <source>Siapa mengubah apa dan kapan, termasuk dari impor</source>
        <translation>Who changed what and when, including through imports</translation>
    </message>
    <message>
        <source>Tambah desa, kelurahan atau pasar</source>
        <translation>Add a village, urban ward or market</translation>
    </message>
    <message>
        <source>Ubah desa terpilih (Enter)</source>
        <translation>Edit the selected village (Enter)</translation>
    </message>
    <message>
        <source>Hapus desa terpilih (Delete)</source>
        <translation>Delete the selected village (Delete)</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Semua kabupaten/kota</source>
        <translation>All regencies/cities</translation>
    </message>
    <message numerus="yes">
        <source>%n desa</source>
        <translation>
            <numerusform>%n village</numerusform>
            <numerusform>%n villages</numerusform>
        </translation>
    </message>
    <message>
        <source>Hapus %1 dari daftar desa?</source>
        <translation>Delete %1 from the list of villages?</translation>
    </message>
    <message>
        <source>Data desa tetap tersimpan sebagai catatan terhapus dan ikut tersinkron, sehingga laptop lain juga menghapusnya.</source>
        <translation>The village stays in the file as a deleted record and is synchronised, so other laptops delete it too.</translation>
    </message>
    <message>
        <source>Hapus desa</source>
        <translation>Delete village</translation>
    </message>
</context>
<context>
    <name>WalkinDialog</name>
    <message>
        <source>Tamu baru (walk-in)</source>
        <translation>New walk-in</translation>
    </message>
    <message>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Telepon</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;Pekerjaan</source>
        <translation>&amp;Occupation</translation>
    </message>
    <message>
        <source>NI&amp;K (boleh kosong)</source>
        <translation>NI&amp;K (may be empty)</translation>
    </message>
    <message>
        <source>(belum diisi)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>&amp;Simpan, tambah lagi</source>
        <translation>&amp;Save, add another</translation>
    </message>
    <message>
        <source>Se&amp;lesai</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>Disimpan sebagai prospek %1 dan masuk daftar hadir. Sudah ditambahkan: %2.</source>
        <translation>Saved as a prospect of %1 and added to the attendance list. Added so far: %2.</translation>
    </message>
    <message>
        <source>Tandai orang ini &amp;hadir</source>
        <translation>Mark this person &amp;present</translation>
    </message>
    <message>
        <source>Orang yang sama tidak dibuat dua kali.</source>
        <translation>The same person is not created twice.</translation>
    </message>
</context>
<context>
    <name>WorkbookPasswordDialog</name>
    <message>
        <source>Buku kerja berkata sandi</source>
        <translation>Password-protected workbook</translation>
    </message>
    <message>
        <source>Buku kerja &apos;%1&apos; dilindungi kata sandi. Masukkan kata sandinya.</source>
        <translation>The workbook &apos;%1&apos; is protected by a password. Enter its password.</translation>
    </message>
    <message>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <source>Basis data dipulihkan. Berkas sebelumnya disimpan di:
%1</source>
        <translation>Database restored. The previous file was kept at:
%1</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Ada masalah</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>Informasi</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Terjadi kesalahan tak terduga. Data yang sudah tersimpan tidak hilang.

Rinciannya dicatat di:
%1

Kirimkan berkas itu kepada pengelola aplikasi.</source>
        <translation>An unexpected error occurred. Data already saved is not lost.

The details were written to:
%1

Please send that file to the application&apos;s administrator.</translation>
    </message>
    <message>
        <source>Kesalahan tak terduga</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Konfirmasi</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>Buang perubahan?

Yang sudah diketik di formulir ini belum disimpan.</source>
        <translation>Discard changes?

What was typed in this form has not been saved.</translation>
    </message>
    <message>
        <source>&amp;Buang</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>&amp;Kembali ke formulir</source>
        <translation>&amp;Back to the form</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Desa Sadar</source>
        <translation>Desa Sadar</translation>
    </message>
</context>
<context>
    <name>protection</name>
    <message>
        <source>Enkripsi basis data yang sempat terputus sudah diselesaikan.</source>
        <translation>The interrupted encryption of the database was finished.</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Basis data dan cadangannya sudah dienkripsi, kecuali %1 salinan berkas rusak yang tidak bisa dibaca lagi (di folder cadangan). Serahkan ke petugas TI atau hapus bila tidak diperlukan.</source>
        <translation>The database and its backups are encrypted, except %1 copies of damaged files that can no longer be read (in the backups folder). Hand them to IT staff, or delete them if they are not needed.</translation>
    </message>
    <message>
        <source>Mengenkripsi basis data dan cadangannya…</source>
        <translation>Encrypting the database and its backups…</translation>
    </message>
</context>
</TS>
