"""The project's own copies of the sample annex workbooks (the demo's source and the tests')."""

from django.conf import settings

# The year the county's sample workbooks were written for: their dates are real dates of it, so
# the demo moves them by their distance from that year's campaign start, whatever today's year.
SAMPLES_YEAR = 2026
SAMPLES_DIR = settings.BASE_DIR / "fixtures" / "samples"
SAMPLE_FILES = {
    1: "annex1-infrastructure.xlsx",
    2: "annex2-competition.xlsx",
    3: "annex3-key-projects.xlsx",
    4: "annex4-key-enterprises.xlsx",
}


def sample_path(annex):
    return SAMPLES_DIR / SAMPLE_FILES[annex]
