# A second person's approval: a contract with safety.approvals refuses an unapproved plan, the author's own
# approval, and a plan edited after approval; every approval and refusal is in the audit log.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 120 -Seed 23
    $contractPath = $script:district.ContractPath
    (Get-Content -Raw $contractPath) -replace '"safety": \{', '"safety": { "approvals": { "required": 1 },' | Set-Content $contractPath
    $script:contract = Import-MappingContract $contractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:changes = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue | Where-Object { $_.Action -eq 'Create' })
    $script:writes = { @(Get-TitanHstStaff -IncludeInactive).Count }
    $script:before = & $script:writes

    function New-TestCertificate([string] $Subject) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Approvals required by the contract' {
    BeforeEach {
        $script:plan = Join-Path $TestDrive "plan-$([guid]::NewGuid().ToString('N')).json"
        $script:changes | Export-TitanHstPlan -Path $script:plan | Out-Null
    }

    It 'refuses an unapproved plan, and changes piped without a plan, before any write, and audits the refusal' {
        $script:changes.Count | Should -BeGreaterThan 0
        { Invoke-TitanHstApply -PlanPath $script:plan -Contract $script:contract -Confirm:$false } |
            Should -Throw -ErrorId 'ApprovalRequired,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        { $script:changes | Invoke-TitanHstApply -Contract $script:contract -Confirm:$false } |
            Should -Throw -ErrorId 'ApprovalRequired,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        (& $script:writes) | Should -Be $script:before
        $refusal = Get-TitanHstAuditLog -Kind Approval -Last 1
        $refusal.Outcome | Should -Be 'refused'
        Test-TitanHstAuditLog -Quiet | Should -BeTrue
    }

    It "refuses the author's own approval, with a warning when it is made" {
        $approval = Approve-TitanHstPlan -Path $script:plan -Reason 'my own plan' -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        $approval.Method | Should -Be 'InstallationKey'
        $w[0] | Should -Match 'You .* exported this plan'
        (Get-TitanHstAuditLog -Kind Approval -Last 1).Outcome | Should -Be 'approved'
        $err = { Invoke-TitanHstApply -PlanPath $script:plan -Contract $script:contract -Confirm:$false } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'ApprovalRequired,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $err.Exception.Message | Should -Match "author's own"
        (& $script:writes) | Should -Be $script:before
    }

    It 'signs an approval with a certificate (CMS under the module''s isolated dependencies) and still refuses it from the author''s account' {
        $cert = New-TestCertificate 'CN=Pester Reviewer'
        $approval = Approve-TitanHstPlan -Path $script:plan -Reason 'signed' -Certificate $cert -Confirm:$false -WarningAction SilentlyContinue
        $approval.Method | Should -Be 'Certificate'
        $approval.SignerThumbprint | Should -Be $cert.Thumbprint
        $approval.Signature | Should -Not -BeNullOrEmpty
        Join-Path $TestDrive ((Split-Path $script:plan -Leaf) + '.approvals.json') | Should -Exist
        { Invoke-TitanHstApply -PlanPath $script:plan -Contract $script:contract -Confirm:$false } |
            Should -Throw -ErrorId 'ApprovalRequired,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
    }

    It 'refuses a certificate without its private key' {
        $cert = New-TestCertificate 'CN=No Key'
        $public = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificate($cert.Export('Cert'))
        { Approve-TitanHstPlan -Path $script:plan -Reason 'x' -Certificate $public -Confirm:$false -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'ApprovalCertificateUnusable,Aether.TitanHst.PowerShell.Approvals.ApproveTitanHstPlanCommand'
    }

    It 'refuses a plan edited after approval (its content no longer matches)' {
        Approve-TitanHstPlan -Path $script:plan -Reason 'ok' -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        (Get-Content -Raw $script:plan) -replace '"externalId": "', '"externalId": "9' | Set-Content -NoNewline $script:plan
        { Invoke-TitanHstApply -PlanPath $script:plan -Contract $script:contract -Confirm:$false } | Should -Throw -ErrorId 'PlanTampered*'
        (& $script:writes) | Should -Be $script:before
    }

    It 'changes nothing with -WhatIf' {
        Approve-TitanHstPlan -Path $script:plan -Reason 'preview' -WhatIf -WarningAction SilentlyContinue
        Join-Path $TestDrive ((Split-Path $script:plan -Leaf) + '.approvals.json') | Should -Not -Exist
    }
}
