"""Facts from report text: quantities, dates, programs, and the checks of totals."""
