variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "acme"
}

variable "office_cidr" {
  description = "The office's public range."
  type        = string
  default     = "198.51.100.0/24"
}

variable "zone_id" {
  description = "Zone of the vSwitch."
  type        = string
  default     = "cn-hangzhou-i"
}

variable "ops_initial_password" {
  description = "First console password of the ops user (changed at first logon)."
  type        = string
  sensitive   = true
  default     = "Change-me-0n-first-logon!"
}
