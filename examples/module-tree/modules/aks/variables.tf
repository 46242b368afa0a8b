variable "name" {
  type = string
}

variable "node_subnet_id" {
  type = string
}

# Placeholders: every caller passes its own value.
variable "network_plugin_mode" {
  type    = string
  default = ""
}

variable "service_cidr" {
  type    = string
  default = ""
}
