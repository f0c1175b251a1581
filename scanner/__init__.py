"""cloudscan: one inventory for Alibaba Cloud, Google Cloud and AWS, judged by YAML policies."""

__version__ = "0.1.0"
INFORMATION_URI = "https://github.com/cloudscan-dev/cloudscan"
