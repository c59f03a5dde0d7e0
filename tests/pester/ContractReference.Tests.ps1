# docs/mapping-contract.md is the contract's reference: every property the JSON Schema allows appears in it, so a
# district writing a contract from the reference alone finds every section (conflicts, review, safety, audit, ...).
BeforeDiscovery {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    $schema = Get-Content -Raw (Join-Path $root 'module/Aether.TitanHst/schemas/mapping-contract.schema.json') | ConvertFrom-Json -AsHashtable
    $script:topLevel = @($schema.properties.Keys | ForEach-Object { @{ Name = $_ } })
    # Every property name declared anywhere in the schema ($defs included), with where it is declared.
    $script:nested = [Collections.Generic.List[hashtable]]::new()
    function Get-Properties($node, [string] $where) {
        if ($node -is [System.Collections.IDictionary]) {
            if ($node.Contains('properties') -and $node['properties'] -is [System.Collections.IDictionary]) {
                foreach ($key in $node['properties'].Keys) { $script:nested.Add(@{ Name = $key; Where = $where }) }
            }
            foreach ($key in @($node.Keys)) { Get-Properties $node[$key] $(if ($where) { "$where.$key" } else { $key }) }
        }
        elseif ($node -is [System.Collections.IList]) { foreach ($item in $node) { Get-Properties $item $where } }
    }
    Get-Properties $schema ''
    $script:nested = @($script:nested | Sort-Object { $_.Name } -Unique)
}

BeforeAll {
    $script:reference = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/mapping-contract.md')
    $script:topTable = ($script:reference -split '(?m)^## ')[1]
}

Describe 'docs/mapping-contract.md' {
    It 'lists top-level property <Name> in its top-level table' -ForEach $script:topLevel {
        $script:topTable | Should -Match ('(?m)^\| `' + [regex]::Escape($Name) + '` \|')
    }

    It 'documents property <Name> (declared at <Where>)' -ForEach $script:nested {
        $script:reference | Should -Match ('`' + [regex]::Escape($Name) + '`|"' + [regex]::Escape($Name) + '"')
    }
}
