"""Career Advisor: cited answers about tech careers from Markdown guides."""

from advisor.offline import enforce_offline

enforce_offline()

__version__ = "0.1.0"
