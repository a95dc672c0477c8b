"""公文 documents (.docx, GB/T 9704-2012) of the briefing, the 督办通知单 and the 工作小结."""
