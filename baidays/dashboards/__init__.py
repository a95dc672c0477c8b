"""Leader dashboards: the overview (home page), phase, department and league pages, the big
screen and the weekly briefing. Reads only, except the 批示 form."""
