"""The production URLs and, under /bench/plain/, the plain Django pages the bench compares with."""

from django.urls import include, path

from bench import plain

urlpatterns = [
    path("bench/plain/cases/", plain.case_list, name="bench_plain_list"),
    path("bench/plain/cases/<str:reference>/", plain.case_page, name="bench_plain_case"),
    path("", include("mekle.urls")),
]
