"""Reading and writing the county's annex workbooks (附件1–4) as offices really write them."""
