"""EduMetrics: rule-based extraction of quantified claims from Chinese education reports.

Pipeline stages, one module each: read -> decode -> normalize -> segment -> extract
-> store -> reconcile.
"""

__version__ = "0.1.0"
