resource "azurerm_resource_group" "net" {
  name     = "rg-network"
  location = var.location
}

# The hub: shared services and the VPN gateway, peered with the spoke.
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = var.location
  resource_group_name = azurerm_resource_group.net.name
  address_space       = ["10.60.0.0/16"]
}

# The spoke the clusters live in.
resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-aks-spoke"
  location            = var.location
  resource_group_name = azurerm_resource_group.net.name
  address_space       = ["10.50.0.0/16"]
}

resource "azurerm_virtual_network_peering" "spoke_to_hub" {
  name                      = "spoke-to-hub"
  resource_group_name       = azurerm_resource_group.net.name
  virtual_network_name      = azurerm_virtual_network.spoke.name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
}

# Node subnet of the payments cluster (Azure CNI node subnet: pods take addresses here too).
resource "azurerm_subnet" "payments" {
  name                 = "snet-payments"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.50.0.0/25"]
}

# Application subnet: private endpoints and VMs.
resource "azurerm_subnet" "apps" {
  name                 = "snet-apps"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.50.64.0/24"]
}

# Node subnet of the batch cluster (overlay: one address per node).
resource "azurerm_subnet" "batch" {
  name                 = "snet-batch"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.50.1.0/24"]
}
