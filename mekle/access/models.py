"""The access log: every read of a case or a person."""

from django.conf import settings
from django.db import models


class AccessLogEntry(models.Model):
    """Who looked at what, when, and through which page.

    `what` names the page (``case_page``, ``party_page``, ``case_list``); `case_reference` and
    `object_id` say which case and which person, when there is one; `detail` holds the filters
    of a list, so a search for a name is on record too. `role` is the reader's role when they read
    (``caseworker``): a party's own access log shows it, since people change roles; rows written
    before it was kept have it empty, and the reader's current role stands in for it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    role = models.CharField(max_length=20, blank=True)
    what = models.CharField(max_length=50)
    case_reference = models.CharField(max_length=20, blank=True, db_index=True)
    object_id = models.CharField(max_length=50, blank=True)
    path = models.CharField(max_length=500)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_id} {self.what} {self.case_reference}"
