locals {
  name = "aks-${var.environment}"

  # Derived, so dns_service_ip always lies inside service_cidr.
  dns_service_ip = cidrhost(var.service_cidr, 10)

  tags = {
    environment = var.environment
    managed_by  = "terraform"
  }
}
