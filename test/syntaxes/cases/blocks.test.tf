# SYNTAX TEST "source.terraform.aks-netlint" "blocks, labels and attributes"

resource "azurerm_kubernetes_cluster" "aks" {
# <-------- meta.block.hcl entity.name.type.hcl
#        ^ meta.block.hcl string.quoted.double.hcl variable.other.enummember.hcl punctuation.definition.string.begin.hcl
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.block.hcl string.quoted.double.hcl variable.other.enummember.hcl
#                                   ^ punctuation.definition.string.end.hcl
#                                     ^^^^^ string.quoted.double.hcl variable.other.enummember.hcl
#                                           ^ meta.block.hcl punctuation.section.block.begin.hcl
  name = local.name
# ^^^^ meta.block.hcl meta.attribute.hcl variable.other.property.hcl
#      ^ meta.attribute.hcl keyword.operator.assignment.hcl
#        ^^^^^ variable.language.terraform.hcl - variable.other.property.hcl

  network_profile {
# ^^^^^^^^^^^^^^^ meta.block.hcl meta.block.hcl entity.name.type.hcl
#                 ^ meta.block.hcl meta.block.hcl punctuation.section.block.begin.hcl
    network_plugin = "azure"
#   ^^^^^^^^^^^^^^ meta.block.hcl meta.block.hcl meta.attribute.hcl variable.other.property.hcl
#                    ^^^^^^^ string.quoted.double.hcl - variable.other.property.hcl
  }
# ^ meta.block.hcl meta.block.hcl punctuation.section.block.end.hcl
}
# <- meta.block.hcl punctuation.section.block.end.hcl

provider "azurerm" {
# <-------- entity.name.type.hcl
#        ^^^^^^^^^ variable.other.enummember.hcl
  features {}
# ^^^^^^^^ meta.block.hcl meta.block.hcl entity.name.type.hcl
#          ^ punctuation.section.block.begin.hcl
#           ^ punctuation.section.block.end.hcl
}

dynamic_block bare_label "quoted-label" {
# <------------- entity.name.type.hcl
#             ^^^^^^^^^^ variable.other.enummember.hcl - string.quoted.double.hcl
#                        ^^^^^^^^^^^^^^ string.quoted.double.hcl variable.other.enummember.hcl
  lifecycle { ignore_changes = [tags] }
# ^^^^^^^^^ entity.name.type.hcl
#             ^^^^^^^^^^^^^^ meta.attribute.hcl variable.other.property.hcl
#                            ^ keyword.operator.assignment.hcl
#                              ^ punctuation.section.brackets.begin.hcl
#                               ^^^^ variable.other.readwrite.hcl
#                                     ^ punctuation.section.block.end.hcl
}

locals {
  equal = a == b
# ^^^^^ variable.other.property.hcl
#       ^ keyword.operator.assignment.hcl
#         ^ variable.other.readwrite.hcl - variable.other.property.hcl
#           ^^ keyword.operator.comparison.hcl
}
