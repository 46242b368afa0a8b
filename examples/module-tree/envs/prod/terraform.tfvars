# The service range must not overlap the VNet: 10.20.0.0/20 is the node subnet.
service_cidr = "10.20.0.0/16"
