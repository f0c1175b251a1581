"""Sources turn something outside (a cloud account, Terraform, a snapshot) into inventory."""
