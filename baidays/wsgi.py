import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (settings are configured by the line above)

if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    sys.exit("配置错误：未设置环境变量 SECRET_KEY（DEBUG 关闭时必须设置；本地开发请设 DEBUG=true）")
