# Dev environment. Terraform loads this file automatically.

environment = "dev"

# The dev cluster still runs Azure Network Policy Manager.
network_policy = "azure"

service_cidr   = "172.16.0.0/16"
node_max_count = 4
