"""Terraform as a source: HCL directories, plan and state JSON -> common inventory."""
