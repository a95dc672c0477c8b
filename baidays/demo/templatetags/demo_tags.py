"""The login page's note on the demo's dates, shown only where the demo campaign exists."""

from django import template

from baidays.demo.seed import DEMO_DAY, DEMO_SLUG
from core.models import Campaign

register = template.Library()


@register.simple_tag
def demo_campaign():
    """The demo campaign with the day it was loaded on as `loaded_day`, or None."""
    campaign = Campaign.objects.filter(slug=DEMO_SLUG).first()
    if campaign is not None:
        campaign.loaded_day = DEMO_DAY
    return campaign
