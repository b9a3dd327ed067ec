"""Every dataset of the open data, in the order the site's menu lists the kinds."""

from categories.opendata import DATASETS as CATEGORY_DATASETS
from initiatives.opendata import DATASETS as INITIATIVE_DATASETS
from media_library.opendata import DATASETS as MEDIA_DATASETS
from seminars.opendata import DATASETS as SEMINAR_DATASETS

DATASETS = (*CATEGORY_DATASETS, *INITIATIVE_DATASETS, *MEDIA_DATASETS, *SEMINAR_DATASETS)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
