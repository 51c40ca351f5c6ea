"""iku: Indonesian IKU decrees (PDF) to structured records."""
__version__ = "0.1.0"
