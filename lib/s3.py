"""The production storage for uploads on several app servers: an S3-compatible bucket.

Chosen in settings when S3_BUCKET is set. Like the file-system default it records which files a
request wrote, so `lib.uploads.RemoveOrphanUploadsMiddleware` can delete those no row refers to.
"""

from storages.backends.s3 import S3Storage

from lib.uploads import TrackedStorageMixin


class TrackedS3Storage(TrackedStorageMixin, S3Storage):
    pass
