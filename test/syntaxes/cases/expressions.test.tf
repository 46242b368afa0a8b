# SYNTAX TEST "source.terraform.aks-netlint" "literals, operators, references, calls and for expressions"

locals {
  integer  = 42
#            ^^ constant.numeric.integer.hcl
  fraction = 0.5
#            ^^^ constant.numeric.float.hcl
  exponent = 1e3
#            ^^^ constant.numeric.float.hcl
  signed   = 2.5E-10
#            ^^^^^^^ constant.numeric.float.hcl
  flags    = [true, false, null]
#             ^^^^ constant.language.boolean.hcl
#                 ^ punctuation.separator.comma.hcl
#                   ^^^^^ constant.language.boolean.hcl
#                          ^^^^ constant.language.null.hcl
  not_bool = true_value
#            ^^^^^^^^^^ variable.other.readwrite.hcl - constant.language.boolean.hcl

  math  = (var.a + 1) * 2 - 3 / 4 % 5
#         ^ meta.parens.hcl punctuation.section.parens.begin.hcl
#          ^^^ meta.parens.hcl variable.language.terraform.hcl
#             ^ keyword.operator.accessor.hcl
#              ^ variable.other.member.hcl
#                ^ keyword.operator.arithmetic.hcl
#                   ^ punctuation.section.parens.end.hcl
#                     ^ keyword.operator.arithmetic.hcl
#                         ^ keyword.operator.arithmetic.hcl
#                             ^ keyword.operator.arithmetic.hcl
#                                 ^ keyword.operator.arithmetic.hcl
#                                   ^ constant.numeric.integer.hcl
  logic = !var.a && var.b || var.c != 1 && var.d <= 2
#         ^ keyword.operator.logical.hcl
#                ^^ keyword.operator.logical.hcl
#                         ^^ keyword.operator.logical.hcl
#                                  ^^ keyword.operator.comparison.hcl
#                                       ^^ keyword.operator.logical.hcl
#                                                ^^ keyword.operator.comparison.hcl
  cond  = var.enabled ? "a" : "b"
#                     ^ keyword.operator.ternary.hcl
#                           ^ keyword.operator.ternary.hcl

  subnet_id = azurerm_subnet.nodes.id
#             ^^^^^^^^^^^^^^ variable.other.readwrite.hcl
#                           ^ keyword.operator.accessor.hcl
#                            ^^^^^ variable.other.member.hcl
#                                 ^ keyword.operator.accessor.hcl
#                                  ^^ variable.other.member.hcl
  splat     = azurerm_subnet.pods[*].id
#                                ^ punctuation.section.brackets.begin.hcl
#                                 ^ keyword.operator.splat.hcl
#                                  ^ punctuation.section.brackets.end.hcl
  legacy    = azurerm_subnet.pods.*.id
#                                 ^ keyword.operator.splat.hcl
  index     = var.cidrs[0]
#             ^^^ variable.language.terraform.hcl
#                       ^ meta.brackets.hcl constant.numeric.integer.hcl
  each_key  = each.key
#             ^^^^ variable.language.terraform.hcl

  cidr   = cidrsubnet(var.vnet_cidr, 8, 2)
#          ^^^^^^^^^^ meta.function-call.hcl support.function.builtin.hcl
#                    ^ meta.function-call.hcl punctuation.section.parens.begin.hcl
#                     ^^^ meta.function-call.hcl variable.language.terraform.hcl
#                                  ^ meta.function-call.hcl punctuation.separator.comma.hcl
#                                        ^ meta.function-call.hcl punctuation.section.parens.end.hcl
  nested = lower(replace(var.name, "_", "-"))
#          ^^^^^ support.function.builtin.hcl
#                ^^^^^^^ meta.function-call.hcl meta.function-call.hcl support.function.builtin.hcl
  spread = min(var.sizes...)
#                       ^^^ meta.function-call.hcl keyword.operator.ellipsis.hcl
  by_provider = provider::azurerm::normalise_resource_id(var.id)
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.function-call.hcl support.function.provider.hcl
  namespaced  = core::max(1, 2)
#               ^^^^^^^^^ meta.function-call.hcl support.function.builtin.hcl

  names = [for s in var.subnets : upper(s.name) if s.enabled]
#         ^ meta.for-expression.hcl punctuation.section.brackets.begin.hcl
#          ^^^ meta.for-expression.hcl keyword.control.for.hcl
#              ^ variable.other.readwrite.hcl
#                ^^ keyword.control.in.hcl
#                               ^ punctuation.separator.for.hcl
#                                 ^^^^^ support.function.builtin.hcl
#                                               ^^ keyword.control.conditional.hcl
#                                                           ^ meta.for-expression.hcl punctuation.section.brackets.end.hcl
  by_name = { for k, v in var.pools : k => v.vm_size... }
#           ^ meta.for-expression.hcl punctuation.section.braces.begin.hcl
#             ^^^ keyword.control.for.hcl
#                  ^ punctuation.separator.comma.hcl
#                      ^^ keyword.control.in.hcl
#                                   ^ punctuation.separator.for.hcl
#                                       ^^ keyword.operator.arrow.hcl
#                                                   ^^^ keyword.operator.ellipsis.hcl
#                                                       ^ meta.for-expression.hcl punctuation.section.braces.end.hcl

  tags = {
#        ^ meta.braces.hcl punctuation.section.braces.begin.hcl
    environment = "dev"
#   ^^^^^^^^^^^ meta.braces.hcl meta.mapping.key.hcl variable.other.property.hcl
#               ^ keyword.operator.assignment.hcl
    "cost-center" = 42
#   ^^^^^^^^^^^^^ meta.braces.hcl meta.mapping.key.hcl string.quoted.double.hcl
#                 ^ keyword.operator.assignment.hcl
    colon: "json-style"
#   ^^^^^ meta.mapping.key.hcl variable.other.property.hcl
#        ^ keyword.operator.assignment.hcl
    inline = { a = 1, b = var.x ? c : d }
#              ^ meta.braces.hcl meta.braces.hcl meta.mapping.key.hcl
#                     ^ meta.mapping.key.hcl
#                                 ^ variable.other.readwrite.hcl - meta.mapping.key.hcl
#                               ^ keyword.operator.ternary.hcl
#                                   ^ keyword.operator.ternary.hcl
  }
# ^ meta.braces.hcl punctuation.section.braces.end.hcl
}

variable "pools" {
  type = map(object({
#        ^^^ meta.function-call.hcl storage.type.hcl
#            ^^^^^^ meta.function-call.hcl meta.function-call.hcl storage.type.hcl
    vm_size = string
#             ^^^^^^ storage.type.hcl
    count   = optional(number, 1)
#             ^^^^^^^^ storage.type.hcl
#                      ^^^^^^ storage.type.hcl
  }))
}
