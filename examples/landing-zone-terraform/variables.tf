variable "project" {
  description = "GCP project that hosts the landing zone network."
  type        = string
  default     = "acme-landing-zone"
}

variable "region" {
  description = "GCP region of the custom subnetwork."
  type        = string
  default     = "europe-west1"
}

variable "alicloud_region" {
  description = "Alibaba Cloud region of the Alibaba module."
  type        = string
  default     = "cn-hangzhou"
}

variable "office_cidr" {
  description = "The office's public range (a documentation range)."
  type        = string
  default     = "198.51.100.0/24"
}
