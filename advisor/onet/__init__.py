"""Official U.S. occupation data from O*NET (U.S. Department of Labor/ETA, CC BY 4.0): every
O*NET-SOC occupation's description, and how much it needs each skill, knowledge area and ability
compared with other occupations.

``files`` fetches and verifies the two data files (``advisor install-onet``); ``data`` reads them:

    data = open_occupations(settings)                 # verified once; OccupationDataError names the fix
    match = data.find("registered nurse")[0]          # OnetMatch(OnetOccupation("29-1141.00", …), False)
    data.needs(match.occupation, "Skill")             # [Need("Skill", "Social Perceptiveness", 0.93), …]

Nothing is read at import time.
"""
