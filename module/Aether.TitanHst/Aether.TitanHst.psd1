@{
    RootModule           = 'Aether.TitanHst.PowerShell.dll'
    # Filled from Directory.Build.props by build.ps1; do not edit here.
    ModuleVersion        = '0.0.0'
    GUID                 = '6a0f2f0e-8f7b-4d0e-9d2a-5b1f3c7e4a11'
    Author               = 'Aether'
    CompanyName          = 'Aether'
    Copyright            = '(c) Aether. All rights reserved.'
    Description          = 'Keeps TitanHST in step with a school district''s staff data from Aeries and the HR system: versioned mapping contract, reviewable diff, safe audited apply.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('Aether.TitanHst.format.ps1xml', 'formats/TitanHst.Target.format.ps1xml', 'formats/TitanHst.Diff.format.ps1xml', 'formats/TitanHst.Apply.format.ps1xml', 'formats/TitanHst.Audit.format.ps1xml', 'formats/TitanHst.Validation.format.ps1xml', 'formats/TitanHst.Contract.format.ps1xml', 'formats/TitanHst.Conformance.format.ps1xml')
    CmdletsToExport      = @(
        'Import-MappingContract'
        'Publish-MappingContract'
        'Test-MappingContract'
        'Compare-MappingContract'
        'Get-MappingContractHistory'
        'Import-TitanHstSource'
        'Start-TitanHstEmulator'
        'Stop-TitanHstEmulator'
        'New-TitanHstSampleDistrict'
        'Connect-TitanHst'
        'Disconnect-TitanHst'
        'Get-TitanHstStaff'
        'Update-TitanHstSnapshot'
        'Get-TitanHstReference'
        'Get-TitanHstDiff'
        'Measure-TitanHstDiff'
        'Export-TitanHstReview'
        'Import-TitanHstReview'
        'Export-TitanHstPlan'
        'Import-TitanHstPlan'
        'Compare-TitanHstPlan'
        'Approve-TitanHstPlan'
        'Invoke-TitanHstApply'
        'Get-TitanHstRun'
        'Invoke-TitanHstSync'
        'Get-TitanHstAuditLog'
        'Test-TitanHstAuditLog'
        'Remove-TitanHstAuditLog'
        'Test-TitanHstSync'
        'Export-TitanHstReport'
        'Test-TitanHstApiConformance'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('TitanHST', 'Aeries', 'HR', 'Sync', 'Identity', 'K12')
        }
    }
}
