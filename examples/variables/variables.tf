variable "environment" {
  description = "Short environment name, used in resource names."
  type        = string
  default     = "dev"
}

variable "location" {
  description = "Azure region for every resource."
  type        = string
  default     = "eastus2"
}

variable "vnet_address_space" {
  description = "Address space of the cluster VNet."
  type        = list(string)
  default     = ["10.60.0.0/16"]
}

variable "node_subnet_prefix" {
  description = "Prefix of the node subnet (overlay: nodes only, pods use pod_cidr)."
  type        = string
  default     = "10.60.0.0/22"
}

variable "network_data_plane" {
  description = "\"azure\" (kube-proxy/iptables) or \"cilium\" (eBPF)."
  type        = string
  default     = "azure"
}

variable "network_policy" {
  description = "Network policy engine: \"calico\" or \"azure\" on the azure data plane, \"cilium\" on Cilium."
  type        = string
  default     = "calico"

  validation {
    condition     = contains(["azure", "calico", "cilium"], var.network_policy)
    error_message = "network_policy must be azure, calico or cilium."
  }
}

variable "pod_cidr" {
  description = "Overlay pod range: one /24 per node, outside the VNet and its peers."
  type        = string
  default     = "192.168.0.0/16"
}

variable "service_cidr" {
  description = "ClusterIP range; the DNS service IP is its tenth address."
  type        = string
  default     = "10.0.0.0/16"
}

variable "sku_tier" {
  description = "AKS control plane tier: Free, Standard or Premium."
  type        = string
  default     = "Free"
}

variable "node_vm_size" {
  description = "VM size of the default node pool."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "node_min_count" {
  description = "Autoscaler lower bound of the default node pool."
  type        = number
  default     = 1
}

variable "node_max_count" {
  description = "Autoscaler upper bound of the default node pool."
  type        = number
  default     = 3
}
