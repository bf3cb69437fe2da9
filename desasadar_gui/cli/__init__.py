"""The command line: the same services as the GUI, and no Qt unless a window is asked for.

    desasadar [--db PATH]                       open the app
    desasadar --version
    desasadar [--db PATH] demo [--participants N] [--seed S] [--officer NAME]
    desasadar [--db PATH] stats [--json]
    desasadar [--db PATH] regions FILE_OR_FOLDER...
    desasadar [--db PATH] backup [OUT]
    desasadar [--db PATH] restore FILE
    desasadar [--db PATH] screenshot --out DIR [--lang id|en]
    desasadar [--db PATH] passphrase status|set|change
    desasadar [--db PATH] export|import|conflicts|duplicates|synclog ...
    desasadar [--db PATH] person-report|erase-person|processing-log|prune ...

The modules: ``main`` (the entry point ``main(argv)`` and the start every command
shares), ``common`` (exit codes, help layout, the database path, its passphrase and
opening), and one module per group of subcommands, each subcommand's parser beside its
handler: ``data`` (demo, stats, regions), ``backup`` (backup, restore), ``passphrase``,
``sync`` (export, import, conflicts, duplicates, synclog), ``privacy`` (person-report,
erase-person, processing-log, prune) and ``gui`` (the window and screenshot, the only
ones that load Qt). Each group lists its parsers in ``PARSERS``; a new
group adds itself to ``main.COMMAND_MODULES``.

An encrypted database is opened with DESASADAR_PASSPHRASE (the passphrase or the
recovery key), else the passphrase is asked on the terminal (common.py).

Exit codes: 0 done; 1 imported, but some rows rejected (import only); 2 refused (a
plain message says why, nothing changed); 70 an unexpected error (details in the log
file).
"""
