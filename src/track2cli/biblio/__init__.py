"""References: author-year citations, APA, MLA and Chicago, BibTeX, RIS and CSL-JSON."""
