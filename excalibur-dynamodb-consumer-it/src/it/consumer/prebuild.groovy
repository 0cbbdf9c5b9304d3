// The BOM does not inherit the reactor parent (see its pom): only this check keeps its version and
// AWS SDK version equal to the reactor's, before the consumer imports it.
def bom = new groovy.xml.XmlSlurper().parse(new File(bomPom))
assert bom.version.text() == reactorVersion : "excalibur-dynamodb-bom is at ${bom.version.text()}, the reactor at ${reactorVersion}"
def bomSdk = bom.'properties'.'aws-sdk.version'.text()
assert bomSdk == awsSdkVersion : "excalibur-dynamodb-bom imports AWS SDK ${bomSdk}, the parent builds on ${awsSdkVersion}"
return true
