"""Bundled data files (sample shows, style sheets, icons, translations); no code."""
