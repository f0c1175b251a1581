"""Amazon Web Services. Today only its Terraform translators (``terraform/``); the live adapter comes next."""
