# A VNet and the subnet the cluster's nodes use. The caller chooses the address space.
variable "name" {
  type = string
}

variable "address_space" {
  type = string
}

resource "azurerm_virtual_network" "this" {
  name                = "vnet-${var.name}"
  location            = "westeurope"
  resource_group_name = "rg-${var.name}"
  address_space       = [var.address_space]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = "rg-${var.name}"
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.address_space, 4, 0)]
}

output "node_subnet_id" {
  value = azurerm_subnet.nodes.id
}
