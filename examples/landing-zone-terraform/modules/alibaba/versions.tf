terraform {
  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}
