# Chosen by hand: both collide with the network in network.tf.
service_cidr   = "10.50.64.0/18"
batch_pod_cidr = "10.60.0.0/16"
