terraform {
  required_version = ">= 1.3"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.222.0"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}

provider "alicloud" {
  region = var.alicloud_region
}
