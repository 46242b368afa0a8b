variable "location" {
  type    = string
  default = "westeurope"
}

variable "service_cidr" {
  description = "Kubernetes service range of the payments cluster."
  type        = string
}

variable "batch_pod_cidr" {
  description = "Overlay pod range of the batch cluster."
  type        = string
}
