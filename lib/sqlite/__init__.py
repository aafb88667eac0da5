"""Django's SQLite backend for a web server that writes from several threads and processes.

`ENGINE = "lib.sqlite"` (samverkan/settings.py sets it whenever the database is SQLite): Django's
own backend, plus a count of what this thread has committed, which the locked-database retry
(`lib.locked`) needs to know whether a request may safely run again. See `base.py`.
"""
