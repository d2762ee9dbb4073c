from django.apps import AppConfig


class HttpCacheConfig(AppConfig):
    name = "httpcache"
    verbose_name = "Published pages as cacheable documents"
