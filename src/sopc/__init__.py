"""sopc: a compiler for Standard Operating Procedures in the SOP AP format
(PermenPANRB 35/2012)."""

__version__ = "0.1.0"
