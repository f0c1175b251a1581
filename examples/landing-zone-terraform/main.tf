# The starter landing zone many teams copy: one VPC with auto-created subnetworks,
# one extra subnetwork, and a firewall rule that lets SSH in from anywhere.

resource "google_compute_network" "my-vpc" {
  name                    = "my-vpc"
  auto_create_subnetworks = true
}

resource "google_compute_subnetwork" "my-subnet" {
  name          = "my-subnet"
  ip_cidr_range = "10.10.0.0/24"
  region        = var.region
  network       = google_compute_network.my-vpc.id
}

# VIOLATION: tcp/22 from 0.0.0.0/0 (direction left out: the provider default is INGRESS).
resource "google_compute_firewall" "allow-ssh" {
  name    = "allow-ssh"
  network = google_compute_network.my-vpc.name

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}

# Compliant: HTTPS from anywhere to the web tier only.
resource "google_compute_firewall" "allow-https" {
  name        = "allow-https"
  network     = google_compute_network.my-vpc.name
  direction   = "INGRESS"
  target_tags = ["web"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }

  source_ranges = ["0.0.0.0/0"]
}

# Must NOT be flagged: a deny rule for RDP from anywhere.
resource "google_compute_firewall" "deny-rdp" {
  name      = "deny-rdp"
  network   = google_compute_network.my-vpc.name
  direction = "INGRESS"
  priority  = 100

  deny {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["0.0.0.0/0"]
}

# Must NOT be flagged: the old "open everything" rule, kept but disabled.
resource "google_compute_firewall" "allow-all-legacy" {
  name     = "allow-all-legacy"
  network  = google_compute_network.my-vpc.name
  disabled = true

  allow {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0"]
}

# Compliant: SSH from the office only.
resource "google_compute_firewall" "allow-ssh-office" {
  name    = "allow-ssh-office"
  network = google_compute_network.my-vpc.name

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = [var.office_cidr]
}

module "alibaba" {
  source      = "./modules/alibaba"
  name        = "acme"
  office_cidr = var.office_cidr
}
