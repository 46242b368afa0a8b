variable "location" {
  description = "Azure region for every resource."
  type        = string
  default     = "swedencentral"
}

variable "cluster_name" {
  description = "Name of the AKS cluster; also used to name the resource group, VNet and identity."
  type        = string
  default     = "aks-pools"
}

variable "kubernetes_version" {
  description = "Kubernetes version; null lets AKS pick its default."
  type        = string
  default     = null
}

variable "system_vm_size" {
  description = "VM size of the system (default) node pool."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "apps_vm_size" {
  description = "VM size of the general-purpose user pool."
  type        = string
  default     = "Standard_D8ds_v5"
}

variable "apps_max_count" {
  description = "Upper bound of the autoscaler for the apps pool."
  type        = number
  default     = 20
}

variable "spot_vm_size" {
  description = "VM size of the spot pool for interruptible batch work."
  type        = string
  default     = "Standard_D8as_v5"
}

variable "spot_max_count" {
  description = "Upper bound of the autoscaler for the spot pool."
  type        = number
  default     = 10
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default = {
    environment = "staging"
    managed_by  = "terraform"
  }
}
