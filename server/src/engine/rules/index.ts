/** Every rule, sorted by id. The meta test checks this list against the files and docs/rules/. */
import type { Rule } from './define-rule.js';
import acnsSecurityRequiresCilium from './acns-security-requires-cilium.js';
import apiVersionTooOld from './api-version-too-old.js';
import basicLbRetired from './basic-lb-retired.js';
import changeRefusedByApi from './change-refused-by-api.js';
import changeReplacesCluster from './change-replaces-cluster.js';
import changeReplacesNodePool from './change-replaces-node-pool.js';
import ciliumPolicyImplicit from './cilium-policy-implicit.js';
import ciliumPolicyRequiresCiliumDataplane from './cilium-policy-requires-cilium-dataplane.js';
import ciliumRequiresAzurePlugin from './cilium-requires-azure-plugin.js';
import ciliumRequiresCiliumPolicy from './cilium-requires-cilium-policy.js';
import dnsIpAndServiceCidrTogether from './dns-ip-and-service-cidr-together.js';
import dnsIpFirstAddress from './dns-ip-first-address.js';
import dnsIpOutsideServiceCidr from './dns-ip-outside-service-cidr.js';
import dockerBridgeCidrRemoved from './docker-bridge-cidr-removed.js';
import dualStackRequirements from './dual-stack-requirements.js';
import ebpfDataPlaneRemoved from './ebpf-data-plane-removed.js';
import ipamAndDataplaneInOneApply from './ipam-and-dataplane-in-one-apply.js';
import kubenetByoSubnetSystemIdentity from './kubenet-byo-subnet-system-identity.js';
import kubenetRetiring from './kubenet-retiring.js';
import kubenetToOverlayMigration from './kubenet-to-overlay-migration.js';
import lbProfileRequiresStandard from './lb-profile-requires-standard.js';
import maxPodsOutOfRange from './max-pods-out-of-range.js';
import natGatewayMisconfig from './nat-gateway-misconfig.js';
import networkPluginImplicit from './network-plugin-implicit.js';
import nodePublicIpRenamed from './node-public-ip-renamed.js';
import nodeSubnetDelegated from './node-subnet-delegated.js';
import nodeSubnetTooSmall from './node-subnet-too-small.js';
import npmRequiresAzureCni from './npm-requires-azure-cni.js';
import npmRetiring from './npm-retiring.js';
import outboundNoneRequiresCache from './outbound-none-requires-cache.js';
import overlayModeCase from './overlay-mode-case.js';
import overlayRequiresAzurePlugin from './overlay-requires-azure-plugin.js';
import overlayWithPodSubnet from './overlay-with-pod-subnet.js';
import podCidrNonprivate from './pod-cidr-nonprivate.js';
import podCidrOverlapsNetwork from './pod-cidr-overlaps-network.js';
import podCidrRequiresOverlayOrKubenet from './pod-cidr-requires-overlay-or-kubenet.js';
import podCidrTooSmall from './pod-cidr-too-small.js';
import podSubnetMixedPools from './pod-subnet-mixed-pools.js';
import podSubnetOtherVnet from './pod-subnet-other-vnet.js';
import podSubnetTooSmall from './pod-subnet-too-small.js';
import poolChangeRefusedByApi from './pool-change-refused-by-api.js';
import poolRotationRequiresTemporaryName from './pool-rotation-requires-temporary-name.js';
import reservedRange from './reserved-range.js';
import serviceCidrOverlapsNetwork from './service-cidr-overlaps-network.js';
import serviceCidrOverlapsSubnet from './service-cidr-overlaps-subnet.js';
import serviceCidrTooLarge from './service-cidr-too-large.js';
import udrRequiresRouteTable from './udr-requires-route-table.js';
import valueNotAllowed from './value-not-allowed.js';
import valueUnknown from './value-unknown.js';
import windowsPoolRequiresAzureCni from './windows-pool-requires-azure-cni.js';
import windowsPoolWithCilium from './windows-pool-with-cilium.js';

export const RULES: readonly Rule[] = [
  acnsSecurityRequiresCilium as Rule,
  apiVersionTooOld as Rule,
  basicLbRetired as Rule,
  changeRefusedByApi as Rule,
  changeReplacesCluster as Rule,
  changeReplacesNodePool as Rule,
  ciliumPolicyImplicit as Rule,
  ciliumPolicyRequiresCiliumDataplane as Rule,
  ciliumRequiresAzurePlugin as Rule,
  ciliumRequiresCiliumPolicy as Rule,
  dnsIpAndServiceCidrTogether as Rule,
  dnsIpFirstAddress as Rule,
  dnsIpOutsideServiceCidr as Rule,
  dockerBridgeCidrRemoved as Rule,
  dualStackRequirements as Rule,
  ebpfDataPlaneRemoved as Rule,
  ipamAndDataplaneInOneApply as Rule,
  kubenetByoSubnetSystemIdentity as Rule,
  kubenetRetiring as Rule,
  kubenetToOverlayMigration as Rule,
  lbProfileRequiresStandard as Rule,
  maxPodsOutOfRange as Rule,
  natGatewayMisconfig as Rule,
  networkPluginImplicit as Rule,
  nodePublicIpRenamed as Rule,
  nodeSubnetDelegated as Rule,
  nodeSubnetTooSmall as Rule,
  npmRequiresAzureCni as Rule,
  npmRetiring as Rule,
  outboundNoneRequiresCache as Rule,
  overlayModeCase as Rule,
  overlayRequiresAzurePlugin as Rule,
  overlayWithPodSubnet as Rule,
  podCidrNonprivate as Rule,
  podCidrOverlapsNetwork as Rule,
  podCidrRequiresOverlayOrKubenet as Rule,
  podCidrTooSmall as Rule,
  podSubnetMixedPools as Rule,
  podSubnetOtherVnet as Rule,
  podSubnetTooSmall as Rule,
  poolChangeRefusedByApi as Rule,
  poolRotationRequiresTemporaryName as Rule,
  reservedRange as Rule,
  serviceCidrOverlapsNetwork as Rule,
  serviceCidrOverlapsSubnet as Rule,
  serviceCidrTooLarge as Rule,
  udrRequiresRouteTable as Rule,
  valueNotAllowed as Rule,
  valueUnknown as Rule,
  windowsPoolRequiresAzureCni as Rule,
  windowsPoolWithCilium as Rule,
];
